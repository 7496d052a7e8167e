import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a password may not be used, or null. After NIST SP 800-63B: length, no composition rules,
 * but no password that is blank, repetitive, the account's own email, or among the most common.
 */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)
    return `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`;
  if (!password.trim()) return 'password must not be only spaces';
  if (new Set(password.toLowerCase()).size < 4) return 'password must have at least 4 different characters';
  const lower = password.toLowerCase().trim();
  const mail = email.trim().toLowerCase();
  if (lower === mail || lower === mail.split('@')[0]) return 'password must not be your email address';
  if (COMMON_PASSWORDS.has(lower)) return 'password is one of the most common passwords: choose another';
  return null;
}
