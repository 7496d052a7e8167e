import { HttpErrorResponse } from '@angular/common/http';

/** The server's message for people (validation errors come as a list), or a plain fallback. */
export function apiError(e: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (e instanceof HttpErrorResponse) {
    if (e.status === 0) return 'The server cannot be reached.';
    const m = (e.error as { message?: string | string[] } | null)?.message;
    if (Array.isArray(m)) return m.join('; ');
    if (typeof m === 'string' && m) return m;
    return `${fallback} (${e.status})`;
  }
  return fallback;
}
