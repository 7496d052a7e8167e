import { Inject, Injectable } from '@nestjs/common';
import { verify, X509Certificate } from 'node:crypto';
import { AuthenticationError } from '../../../common/errors';
import { isSnsHostUrl, SnsMessage, snsStringToSign } from '@mozaic/sources';

/** Fetches an SNS signing certificate (PEM). Swappable, so tests serve the fixture certificate. */
export abstract class SnsCertFetcher {
  abstract fetch(url: string): Promise<string>;
}

/** Production fetcher: https only, 5 s timeout, 64 KiB at most. */
@Injectable()
export class HttpsSnsCertFetcher extends SnsCertFetcher {
  async fetch(url: string): Promise<string> {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
    if (res.status !== 200) throw new Error(`certificate answered ${res.status}`);
    const text = await res.text();
    if (text.length > 65_536) throw new Error('certificate too large');
    return text;
  }
}

export const SNS_VERIFY_OPTIONS = Symbol('SNS_VERIFY_OPTIONS');
export interface SnsVerifyOptions {
  /** Only for the test with AWS's real, now expired, signing certificate. */
  ignoreCertificateExpiry?: boolean;
}

const CACHE_MS = 60 * 60_000;

/**
 * Verifies an SNS message signature: SignatureVersion 1 (RSA-SHA1) or 2 (RSA-SHA256) over the
 * string to sign, with the certificate from SigningCertURL — accepted only from an https URL on an
 * sns.<region>.amazonaws.com host, issued for sns.amazonaws.com, within its validity, cached.
 */
@Injectable()
export class SnsVerifier {
  private readonly certs = new Map<string, { cert: X509Certificate; at: number }>();

  constructor(
    private readonly fetcher: SnsCertFetcher,
    @Inject(SNS_VERIFY_OPTIONS) private readonly options: SnsVerifyOptions,
  ) {}

  async verify(m: SnsMessage, now = new Date()): Promise<void> {
    if (!isSnsHostUrl(m.SigningCertURL, true))
      throw new AuthenticationError('SigningCertURL is not an SNS certificate URL');
    const algorithm = m.SignatureVersion === '1' ? 'sha1' : m.SignatureVersion === '2' ? 'sha256' : null;
    if (!algorithm) throw new AuthenticationError('Unsupported SignatureVersion');
    const cert = await this.certificate(m.SigningCertURL);
    if (!this.options.ignoreCertificateExpiry && (now < new Date(cert.validFrom) || now > new Date(cert.validTo))) {
      throw new AuthenticationError('The signing certificate is not valid now');
    }
    const ok = verify(
      algorithm,
      Buffer.from(snsStringToSign(m), 'utf8'),
      cert.publicKey,
      Buffer.from(m.Signature, 'base64'),
    );
    if (!ok) throw new AuthenticationError('Invalid SNS signature');
  }

  private async certificate(url: string): Promise<X509Certificate> {
    const hit = this.certs.get(url);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.cert;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(await this.fetcher.fetch(url));
    } catch {
      throw new AuthenticationError('The SNS signing certificate could not be fetched');
    }
    if (!cert.checkHost('sns.amazonaws.com') && !/^CN=sns\.amazonaws\.com$/m.test(cert.subject)) {
      throw new AuthenticationError('The certificate is not issued for SNS');
    }
    this.certs.set(url, { cert, at: Date.now() });
    return cert;
  }
}
