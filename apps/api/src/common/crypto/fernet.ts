import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Fernet (https://github.com/fernet/spec), byte-compatible with Python's cryptography.fernet:
 * token = base64url(0x80 | timestamp(8, BE) | iv(16) | AES-128-CBC(PKCS7) | HMAC-SHA256(32)).
 */
const VERSION = 0x80;
const MAX_CLOCK_SKEW_S = 60;
const HEADER = 1 + 8 + 16;
const MAC = 32;

export class InvalidToken extends Error {
  constructor() {
    super('invalid Fernet token');
  }
}

export class FernetKey {
  private readonly signing: Buffer;
  private readonly encryption: Buffer;

  constructor(key: string) {
    if (!/^[A-Za-z0-9_-]{43}=$/.test(key)) throw new Error('a Fernet key is 32 bytes of url-safe base64');
    const raw = Buffer.from(key, 'base64url');
    this.signing = raw.subarray(0, 16);
    this.encryption = raw.subarray(16, 32);
  }

  static generate(): string {
    return toBase64Url(randomBytes(32));
  }

  /** Encrypts with the current time and a random IV; `at` and `iv` exist for the test vectors. */
  encrypt(plaintext: Buffer | string, at: Date = new Date(), iv: Buffer = randomBytes(16)): string {
    const cipher = createCipheriv('aes-128-cbc', this.encryption, iv);
    const body = Buffer.concat([cipher.update(Buffer.from(plaintext)), cipher.final()]);
    const head = Buffer.alloc(9);
    head[0] = VERSION;
    head.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000)), 1);
    const signed = Buffer.concat([head, iv, body]);
    const mac = createHmac('sha256', this.signing).update(signed).digest();
    return toBase64Url(Buffer.concat([signed, mac]));
  }

  /** Verifies and decrypts; with `ttlSeconds` the token also expires. Throws InvalidToken. */
  decrypt(token: string, options: { ttlSeconds?: number; now?: Date } = {}): Buffer {
    const data = decodeToken(token);
    const ts = Number(data.readBigUInt64BE(1));
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (options.ttlSeconds !== undefined && ts + options.ttlSeconds < now) throw new InvalidToken();
    if (now + MAX_CLOCK_SKEW_S < ts) throw new InvalidToken();
    const signed = data.subarray(0, data.length - MAC);
    const expected = createHmac('sha256', this.signing).update(signed).digest();
    if (!timingSafeEqual(expected, data.subarray(data.length - MAC))) throw new InvalidToken();
    const iv = data.subarray(9, HEADER);
    try {
      const decipher = createDecipheriv('aes-128-cbc', this.encryption, iv);
      return Buffer.concat([decipher.update(signed.subarray(HEADER)), decipher.final()]);
    } catch {
      throw new InvalidToken();
    }
  }
}

function decodeToken(token: string): Buffer {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token) || token.length % 4 !== 0) throw new InvalidToken();
  const data = Buffer.from(token, 'base64url');
  if (data.length < HEADER + 16 + MAC || data[0] !== VERSION) throw new InvalidToken();
  if ((data.length - HEADER - MAC) % 16 !== 0) throw new InvalidToken();
  return data;
}

/** url-safe base64 with padding, as Python's base64.urlsafe_b64encode writes it. */
function toBase64Url(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Several keys for rotation: the first encrypts, every key may decrypt. */
export class MultiFernet {
  private readonly keys: FernetKey[];

  constructor(keys: string[]) {
    if (keys.length === 0) throw new Error('MultiFernet needs at least one key');
    this.keys = keys.map((k) => new FernetKey(k));
  }

  encrypt(plaintext: Buffer | string): string {
    return this.keys[0].encrypt(plaintext);
  }

  decrypt(token: string): Buffer {
    for (const key of this.keys) {
      try {
        return key.decrypt(token);
      } catch {
        // try the next key
      }
    }
    throw new InvalidToken();
  }

  /** Re-encrypts a token under the first key (for key rotation). */
  rotate(token: string): string {
    return this.encrypt(this.decrypt(token));
  }
}
