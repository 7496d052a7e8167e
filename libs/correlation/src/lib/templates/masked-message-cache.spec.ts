import { MaskedMessageCache } from './masked-message-cache';
import { tokenHash, tokenize } from './tokenize';

const SMI_BITS = 0x3fffffff;

function masked(message: string) {
  const tokens: string[] = [];
  const runs: number[] = [];
  const hashes: number[] = [];
  const n = tokenize(message, tokens, undefined, runs, hashes);
  return { tokens, runs, hashes, n };
}

describe('MaskedMessageCache', () => {
  it('answers a message whose masked tokens were seen, whatever their values', () => {
    const cache = new MaskedMessageCache<string>(10);
    const a = masked('worker 12 finished job 9b2c1d40-7e11 in 35ms');
    cache.set(a.tokens, a.runs, a.hashes, a.n, 'finished');
    const b = masked('worker 7 finished job 1c2d3e4f-aa01 in 120ms');
    expect(cache.get(b.tokens, b.runs, b.hashes, b.n)).toBe('finished');
    const c = masked('worker 7 failed job 1c2d3e4f-aa01 in 120ms');
    expect(cache.get(c.tokens, c.runs, c.hashes, c.n)).toBeUndefined();
  });

  it('tells runs of different lengths apart (`<*> <*>` is not `<*>`)', () => {
    const cache = new MaskedMessageCache<string>(10);
    const one = masked('peers 10.0.0.1 joined');
    const two = masked('peers 10.0.0.1 10.0.0.2 joined');
    cache.set(one.tokens, one.runs, one.hashes, one.n, 'one');
    expect(one.tokens).toEqual(two.tokens);
    expect(cache.get(two.tokens, two.runs, two.hashes, two.n)).toBeUndefined();
  });

  it('treats two messages of one hash as a miss, never as the other message', () => {
    const cache = new MaskedMessageCache<string>(10);
    const a = masked('disk sda is full');
    const b = masked('disk sdb is gone');
    // The same hashes for different tokens: what a collision looks like to the cache.
    cache.set(a.tokens, a.runs, a.hashes, a.n, 'full');
    expect(cache.get(b.tokens, b.runs, a.hashes, b.n)).toBeUndefined();
    cache.set(b.tokens, b.runs, a.hashes, b.n, 'gone');
    expect(cache.get(b.tokens, b.runs, a.hashes, b.n)).toBe('gone');
  });

  it('takes each token hash in the pass that reads it, equal to the hash of the token text', () => {
    const m = masked('GET /api/v1/items?id=3 from [client 10.1.2.3] took 16.0 KB, user=alice ok');
    expect(m.hashes).toEqual(m.tokens.map((t) => (t === '<*>' ? 1 : tokenHash(t) & SMI_BITS)));
  });

  it('stays within its capacity', () => {
    const cache = new MaskedMessageCache<number>(3);
    for (let i = 0; i < 10; i++) {
      const m = masked(`event${'x'.repeat(i)} happened`);
      cache.set(m.tokens, m.runs, m.hashes, m.n, i);
    }
    expect(cache.size).toBeLessThanOrEqual(3);
  });
});
