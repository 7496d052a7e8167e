import { ConfigError, parseConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  SECRET_KEY: 'x'.repeat(40),
  ENCRYPTION_KEY: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
};

describe('parseConfig', () => {
  it('applies the defaults', () => {
    const c = parseConfig(valid);
    expect(c.port).toBe(3000);
    expect(c.accessTokenMinutes).toBe(30);
    expect(c.redisUrl).toBeNull();
    expect(c.encryptionKeys).toHaveLength(1);
  });

  it('names every bad or missing variable', () => {
    let err: unknown;
    try {
      parseConfig({
        PORT: 'abc',
        ENCRYPTION_KEY: 'short',
        ACCESS_TOKEN_EXPIRE_MINUTES: '0',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ['DATABASE_URL', 'SECRET_KEY', 'ENCRYPTION_KEY', 'PORT', 'ACCESS_TOKEN_EXPIRE_MINUTES']) {
      expect(msg).toContain(name);
    }
  });

  it('accepts several comma-separated Fernet keys for rotation', () => {
    const c = parseConfig({
      ...valid,
      ENCRYPTION_KEY: `${valid.ENCRYPTION_KEY}, ${valid.ENCRYPTION_KEY}`,
    });
    expect(c.encryptionKeys).toHaveLength(2);
  });
});
