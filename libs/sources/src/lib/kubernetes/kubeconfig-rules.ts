import { load } from 'js-yaml';

/**
 * kubeconfig fields MOZAIC refuses, read from the raw document before the SDK parses it (the SDK
 * reads `token-file` while parsing): anything that would read this server's disk, run a program or
 * route the connection elsewhere. Credentials must be inline (`*-data`, `token`).
 */
const REFUSED: Record<'cluster' | 'user', Record<string, string>> = {
  cluster: {
    'proxy-url': 'proxies are not supported',
    'certificate-authority': 'file paths are not read: use certificate-authority-data',
  },
  user: {
    'client-certificate': 'file paths are not read: use client-certificate-data',
    'client-key': 'file paths are not read: use client-key-data',
    'token-file': 'file paths are not read: use token',
    exec: 'exec credential plugins are not supported: use a token',
    'auth-provider': 'auth providers are not supported: use a token',
  },
};

/** Problems of a kubeconfig, each naming the field ("users[0].user.exec: …"); empty when usable. */
export function kubeconfigProblems(text: string): string[] {
  let doc: unknown;
  try {
    doc = load(text, { json: true });
  } catch {
    return ['kubeconfig is not valid YAML'];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['kubeconfig must be a YAML mapping'];
  const problems: string[] = [];
  for (const [list, key] of [
    ['clusters', 'cluster'],
    ['users', 'user'],
  ] as const) {
    const entries = (doc as Record<string, unknown>)[list];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) {
      problems.push(`kubeconfig ${list} must be a list`);
      continue;
    }
    entries.forEach((entry, i) => {
      const body = (entry as Record<string, unknown> | null)?.[key];
      if (typeof body !== 'object' || body === null) return;
      for (const [field, why] of Object.entries(REFUSED[key]))
        if (field in body) problems.push(`kubeconfig ${list}[${i}].${key}.${field}: ${why}`);
    });
  }
  return problems;
}
