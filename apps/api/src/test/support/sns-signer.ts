import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnsMessage, snsStringToSign } from '@mozaic/sources';
import { SnsCertFetcher } from '../../modules/webhooks/verifiers/sns-verifier.service';

/** A throwaway signing key and a self-signed certificate for sns.amazonaws.com (openssl). */
export function makeSigningIdentity(subject = '/CN=sns.amazonaws.com'): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mozaic-sns-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        subject,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const TEST_CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-mozaic-test.pem';

/** Signs an SNS message the way SNS does (SignatureVersion 2, SHA256). */
export function signSns(
  m: Omit<SnsMessage, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>,
  key: string,
): SnsMessage {
  const full = { ...m, SignatureVersion: '2', SigningCertURL: TEST_CERT_URL, Signature: '' } as SnsMessage;
  full.Signature = sign('sha256', Buffer.from(snsStringToSign(full)), key).toString('base64');
  return full;
}

/** Serves certificates from memory by URL, counting fetches (to see the cache work). */
export class MapCertFetcher extends SnsCertFetcher {
  fetches = 0;
  constructor(private readonly certs: Record<string, string>) {
    super();
  }
  async fetch(url: string): Promise<string> {
    this.fetches++;
    const pem = this.certs[url];
    if (!pem) throw new Error(`no certificate at ${url}`);
    return pem;
  }
}
