import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FernetKey, InvalidToken, MultiFernet } from './fernet';

const dir = join(__dirname, '../../../../../tools/fixtures/fernet');
const load = <T>(name: string): T[] => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T[];

interface GenerateVector {
  token: string;
  now: string;
  iv: number[];
  src: string;
  secret: string;
}
interface VerifyVector {
  token: string;
  now: string;
  ttl_sec: number;
  src: string;
  secret: string;
}
interface InvalidVector {
  desc: string;
  token: string;
  now: string;
  ttl_sec: number;
  secret: string;
}

describe('Fernet (shared vectors)', () => {
  it.each(load<GenerateVector>('generate.json'))('generates the vector token for "$src"', (v) => {
    const token = new FernetKey(v.secret).encrypt(v.src, new Date(v.now), Buffer.from(v.iv));
    expect(token).toBe(v.token);
  });

  it.each(load<VerifyVector>('verify.json'))('verifies the vector token for "$src"', (v) => {
    const plain = new FernetKey(v.secret).decrypt(v.token, {
      ttlSeconds: v.ttl_sec,
      now: new Date(v.now),
    });
    expect(plain.toString()).toBe(v.src);
  });

  it.each(load<InvalidVector>('invalid.json'))('rejects: $desc', (v) => {
    const key = new FernetKey(v.secret);
    expect(() => key.decrypt(v.token, { ttlSeconds: v.ttl_sec, now: new Date(v.now) })).toThrow(InvalidToken);
  });
});

describe('MultiFernet', () => {
  it('encrypts with the first key and decrypts with any, so keys can rotate', () => {
    const oldKey = FernetKey.generate();
    const newKey = FernetKey.generate();
    const oldToken = new MultiFernet([oldKey]).encrypt('secret');
    const rotated = new MultiFernet([newKey, oldKey]);
    expect(rotated.decrypt(oldToken).toString()).toBe('secret');
    const fresh = rotated.rotate(oldToken);
    expect(new MultiFernet([newKey]).decrypt(fresh).toString()).toBe('secret');
    expect(() => new MultiFernet([oldKey]).decrypt(fresh)).toThrow(InvalidToken);
  });

  it('rejects a token whose bytes were altered', () => {
    const f = new MultiFernet([FernetKey.generate()]);
    const token = f.encrypt('secret');
    const i = 20;
    const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect(() => f.decrypt(altered)).toThrow(InvalidToken);
  });
});
