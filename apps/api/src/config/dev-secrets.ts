import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FernetKey } from '../common/crypto/fernet';

interface DevSecrets {
  SECRET_KEY: string;
  ENCRYPTION_KEY: string;
}

/**
 * For the embedded single-node mode only: generates SECRET_KEY and ENCRYPTION_KEY once and keeps
 * them in <dataDir>/secrets.json (mode 600), so tokens and stored credentials survive restarts.
 * Returns the names it filled in.
 */
export function fillDevSecrets(env: Record<string, string | undefined>, dataDir: string): string[] {
  const missing = (['SECRET_KEY', 'ENCRYPTION_KEY'] as const).filter((k) => !env[k]);
  if (missing.length === 0) return [];
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  let secrets: DevSecrets;
  if (existsSync(file)) {
    secrets = JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  } else {
    secrets = {
      SECRET_KEY: randomBytes(48).toString('base64url'),
      ENCRYPTION_KEY: FernetKey.generate(),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  for (const k of missing) env[k] = secrets[k];
  return missing;
}
