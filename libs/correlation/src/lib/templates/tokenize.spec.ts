import { tokenize, WILDCARD } from './tokenize';

const tok = (s: string) => {
  const out: string[] = [];
  tokenize(s, out);
  return out.join(' ');
};

describe('tokenize', () => {
  it.each([
    [
      'Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
      'Received block <*> of size <*> from <*>',
    ],
    ['connect to 192.168.0.1:8080 took 35ms', 'connect to <*> took <*>'],
    ['request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 done', 'request <*> done'],
    ['fetch https://example.com/api/items failed', 'fetch <*> failed'],
    ['cannot open /var/log/app/current.log', 'cannot open <*>'],
    ['wrote 10KB at 2026-11-25T01:02:03Z', 'wrote <*> at <*>'],
    ['flags 0x1f and 0xdeadbeef', 'flags <*> and <*>'],
  ])('masks variables by shape: %s', (input, expected) => {
    expect(tok(input)).toBe(expected);
  });

  it('splits key=value so the key stays constant', () => {
    expect(tok('logname= uid=0 euid=0 tty=ssh user=root')).toBe('logname= uid= <*> euid= <*> tty= ssh user= root');
  });

  it('collapses a run of variables into one, so lists of any length share a template', () => {
    expect(tok('ask 10.0.0.1:50010 to delete blk_1 blk_2 blk_3')).toBe('ask <*> to delete <*>');
    expect(tok('ask 10.0.0.1:50010 to delete blk_1')).toBe('ask <*> to delete <*>');
  });

  it('keeps words, punctuation and brackets as they are, and copes with tabs and repeated spaces', () => {
    expect(tok('  Failed\tpassword  for root [preauth] ')).toBe('Failed password for root [preauth]');
    expect(tok('')).toBe('');
    expect(tok(WILDCARD)).toBe(WILDCARD);
  });

  it('gives the original text of every token, a collapsed run joined', () => {
    const out: string[] = [];
    const values: string[] = [];
    tokenize('deleted blk_1 blk_2 on host=alpha in 35ms', out, values);
    expect(out).toEqual(['deleted', '<*>', 'on', 'host=', 'alpha', 'in', '<*>']);
    expect(values).toEqual(['deleted', 'blk_1 blk_2', 'on', 'host=', 'alpha', 'in', '35ms']);
  });
});
