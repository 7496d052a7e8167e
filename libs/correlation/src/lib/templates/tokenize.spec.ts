import { covers, mergeTokens, tokenize, WILDCARD } from './tokenize';

const tok = (s: string) => {
  const out: string[] = [];
  tokenize(s, out);
  return out.join(' ');
};

describe('tokenize', () => {
  it.each([
    ['Stored chunk chk_-88123456789 of size 4096 from /10.1.2.3', 'Stored chunk <*> of size <*> from <*>'],
    ['dial 172.16.4.9:9092 took 35ms', 'dial <*>:<*> took <*>'],
    ['job 9b2c1d40-7e11-4a2b-8c3d-0a1b2c3d4e5f finished', 'job <*> finished'],
    ['GET https://svc.example.org/v1/items failed', 'GET https://<*> failed'],
    ['cannot read /srv/app/state.db', 'cannot read <*>'],
    ['flushed 12 pages at 2026-11-25T01:02:03Z', 'flushed <*> pages at <*>'],
  ])('masks variables by shape: %s', (input, expected) => {
    expect(tok(input)).toBe(expected);
  });

  it('masks the parts of a token and keeps its punctuation: brackets, colons, dots, key=', () => {
    expect(tok('[peer 10.9.8.7] refused')).toBe('[peer <*>] refused');
    expect(tok('from /10.9.8.7:4040:Reset by peer:')).toBe('from <*>:<*>:Reset by peer:');
    expect(tok('dumping core.4411 now')).toBe('dumping core.<*> now');
    expect(tok('session opened uid=0 gid=100 tty=pts')).toBe('session opened uid=<*> gid=<*> tty=pts');
    expect(tok('cache (18.4 hits)')).toBe('cache (<*> hits)');
  });

  it('keeps words with a short digit run as words (ssh2, x86_64), masks long ids (part-00017)', () => {
    expect(tok('proto ssh2 arch x86_64 codec h264')).toBe('proto ssh2 arch x86_64 codec h264');
    expect(tok('init2() wrote part-00017 and attempt_20261101_0007')).toBe('init2() wrote <*> and <*>');
    expect(tok('log4j md5sum restarted web-7f8c9d2b1a-k3x9q')).toBe('log4j md5sum restarted <*>');
  });

  it('masks host names (not Java packages), Windows paths and long hex values', () => {
    expect(tok('connect to gw7.corp.example.com:8443 from org.acme.net.Dialer')).toBe(
      'connect to <*>:<*> from org.acme.net.Dialer',
    );
    expect(tok('loaded C:\\Windows\\System32\\drv.sys and \\\\nas\\share')).toBe('loaded <*> and <*>');
    expect(tok('flags mask=ffffffff seen deadbeefcafe')).toBe('flags mask=<*> seen <*>');
    expect(tok('index.html served')).toBe('index.html served');
  });

  it('takes a size unit that changes with the magnitude into the value, not a fixed unit', () => {
    expect(tok('cached (size 16.0 KB, free 1.2 GB)')).toBe('cached (size <*>, free <*>)');
    expect(tok('took 52 ms for 2227 bytes')).toBe('took <*> ms for <*> bytes');
  });

  it('collapses a run of variables into one token, and says how many it stands for', () => {
    const out: string[] = [];
    const runs: number[] = [];
    tokenize('drop 10.0.0.1:50010 then chk_1111 chk_2222 chk_3333', out, undefined, runs);
    expect(out).toEqual(['drop', '<*>:<*>', 'then', '<*>']);
    expect(runs).toEqual([1, 1, 1, 3]);
  });

  it('copes with tabs, repeated spaces and empty input', () => {
    expect(tok('  Failed\tlogin  for guest [preauth] ')).toBe('Failed login for guest [preauth]');
    expect(tok('')).toBe('');
    expect(tok(WILDCARD)).toBe(WILDCARD);
  });

  it('gives the original text of every token, a collapsed run joined', () => {
    const out: string[] = [];
    const values: string[] = [];
    tokenize('dropped chk_1111 chk_2222 on host=alpha', out, values);
    expect(values).toEqual(['dropped', 'chk_1111 chk_2222', 'on', 'host=alpha']);
  });
});

describe('merging template tokens', () => {
  it.each([
    ['user=alice', 'user=bob', 'user=<*>'],
    ['rhost=<*>', 'rhost=gw.example', 'rhost=<*>'],
    ['(state=up)', '(state=down)', '(state=<*>)'],
    ['alpha', 'beta', WILDCARD],
    ['a:b', 'c:d', WILDCARD],
  ])('%s + %s → %s', (a, b, merged) => {
    expect(mergeTokens(a, b)).toBe(merged);
    expect(mergeTokens(b, a)).toBe(merged);
  });

  it('knows a template token covers its instances', () => {
    expect(covers('user=<*>', 'user=carol')).toBe(true);
    expect(covers('user=<*>', 'group=x')).toBe(false);
    expect(covers('<*>', 'anything')).toBe(true);
  });
});

describe('tokenize: values that need context', () => {
  it('counts bytes as a size unit like KB and MB', () => {
    expect(tok('stored 93.0 B, free 317.1 KB')).toBe('stored <*>, free <*>');
  });

  it('masks hex groups joined by colons as one value (MAC, IPv6, hex dumps)', () => {
    expect(tok('chip FF:F2:9F:16:E2:23:00:0D changed')).toBe('chip <*> changed');
    expect(tok('from fe80::1ff:fe23:4567:890a now')).toBe('from <*> now');
    // Words are not hex groups, nor is a time of two parts.
    expect(tok('codec dead:beef:cafe at 12:30')).toBe('codec dead:beef:cafe at <*>:<*>');
  });

  it('masks a path or URL as one value and keeps the punctuation around it', () => {
    expect(tok('LOGIN chdir(/home/u/job) failed')).toBe('LOGIN chdir(<*>) failed');
    expect(tok('Error loading /bin/app.elf: invalid image')).toBe('Error loading <*>: invalid image');
    expect(tok('Extract jar:file:/tmp/a.jar to /tmp/a')).toBe('Extract jar:file:<*> to <*>');
    expect(tok('Default file system [hdfs://nn.example:8020]')).toBe('Default file system [hdfs://<*>]');
    expect(tok('read conf/zk/zoo.cfg and C:\\data\\x.db,')).toBe('read <*> and <*>,');
  });

  it('masks the host name of an address: name/IP:port and a numbered name:port', () => {
    expect(tok('Old: msra-sa-41/10.190.173.170:8030 New: msra-sa-41:8030')).toBe('Old: <*>/<*>:<*> New: <*>:<*>');
    expect(tok('at gw.corp.example.com/10.1.2.3:443')).toBe('at <*>/<*>:<*>');
    // A setting is no address: its key is a word.
    expect(tok('retries:3 mode:fast')).toBe('retries:<*> mode:fast');
  });

  it('masks month and weekday names that are part of a date, not when they stand alone', () => {
    expect(tok('status=M Fri Jul 01 08:16:53 PDT 2005')).toBe('status=M <*> PDT <*>');
    expect(tok('rotated on 01 Dec 2025')).toBe('rotated on <*>');
    expect(tok('Backup scheduled for Sunday night')).toBe('Backup scheduled for Sunday night');
    expect(tok('it may 3 times')).toBe('it may <*> times');
  });
});
