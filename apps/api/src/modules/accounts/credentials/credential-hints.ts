import { ServiceType } from '@mozaic/contracts';

/** The value whose last characters are shown as the hint. */
export function primarySecret(type: ServiceType, c: Record<string, string | undefined>): string {
  switch (type) {
    case 'kubernetes':
      return c['token'] ?? c['kubeconfig'] ?? '';
    case 'docker':
      return c['tls_key'] ?? c['host'] ?? '';
    case 'cloudwatch':
      return c['access_key_id'] ?? '';
    case 'grafana':
      return c['token'] ?? '';
    case 'sentry':
      return c['auth_token'] ?? '';
  }
}

/** "••••" and the last 4 characters, only when the secret is long enough to keep most of it hidden. */
export function maskHint(secret: string): string {
  const s = secret.trim();
  return s.length >= 12 ? `••••${s.slice(-4)}` : '••••';
}
