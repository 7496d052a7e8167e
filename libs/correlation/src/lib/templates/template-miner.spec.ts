import { TemplateMiner } from './template-miner';

describe('TemplateMiner', () => {
  it('groups messages of one template and extracts its variables', () => {
    const m = new TemplateMiner();
    const a = m.add('Refused login for guest from 10.0.0.1 port 22 ssh2', 1000);
    const b = m.add('Refused login for tester from 10.0.0.7 port 4022 ssh2', 2000);
    expect(a.change).toBe('created');
    expect(b.clusterId).toBe(a.clusterId);
    expect(b.change).toBe('generalized');
    // "ssh2" is a word with a short digit run: it stays in the template.
    expect(b.template).toBe('Refused login for <*> from <*> port <*> ssh2');
    expect(b.params).toEqual(['tester', '10.0.0.7', '4022']);
    const c = m.cluster(a.clusterId);
    expect(c).toMatchObject({ count: 2, firstSeen: 1000, lastSeen: 2000 });
    expect(c?.examples).toHaveLength(2);
  });

  it('generalises only the part of a token that varies (key=value, bracketed values)', () => {
    const m = new TemplateMiner();
    m.add('the lease was granted to worker=alpha in [zone a]');
    expect(m.add('the lease was granted to worker=beta in [zone b]').template).toBe(
      'the lease was granted to worker=<*> in [zone <*>]',
    );
  });

  it('counts tokens of one structure as half alike, so key=value listings of different keys join', () => {
    const m = new TemplateMiner();
    const a = m.addId('Runtime setting:cache.size=512');
    expect(m.addId('Runtime setting:queue.depth=64')).toBe(a);
    expect(m.cluster(a)?.tokens.join(' ')).toBe('Runtime setting:<*>=<*>');
  });

  it('keeps messages that begin with different words apart, as Drain does', () => {
    const m = new TemplateMiner();
    expect(m.addId('Accepted key for guest from 10.0.0.1')).not.toBe(m.addId('Rejected key for guest from 10.0.0.1'));
  });

  it('shows a value of a fixed number of words as that many <*>, a list of varying length as one', () => {
    const m = new TemplateMiner();
    m.add('moved chk_1111 chk_2222 to cold storage');
    expect(m.add('moved chk_3333 chk_4444 to cold storage').template).toBe('moved <*> <*> to cold storage');
    expect(m.add('moved chk_5555 chk_6666 chk_7777 to cold storage').template).toBe('moved <*> to cold storage');
  });

  it('keeps different templates apart, also when they have the same length', () => {
    const m = new TemplateMiner();
    const ids = [
      'Receiving block blk_1 src: /10.0.0.1:5 dest: /10.0.0.2:5',
      'Received block blk_1 of size 67108864 from /10.0.0.1',
      'Interrupted while waiting for message on queue',
      'Connection broken for id 188978561024, my id = 1, error =',
    ].map((s) => m.addId(s));
    expect(new Set(ids).size).toBe(4);
  });

  it('keeps a cluster id stable while its template generalises', () => {
    const m = new TemplateMiner();
    const first = m.addId('Starting worker alpha on queue ingest');
    for (const w of ['beta', 'gamma', 'delta']) expect(m.addId(`Starting worker ${w} on queue ingest`)).toBe(first);
    expect(m.add('Starting worker omega on queue ingest').template).toBe('Starting worker <*> on queue ingest');
  });

  it('groups short messages properly (shorter than any tree depth)', () => {
    const m = new TemplateMiner();
    expect(m.addId('normal')).toBe(m.addId('normal'));
    expect(m.addId('warning')).not.toBe(m.addId('normal'));
    expect(m.addId('ok 1')).toBe(m.addId('ok 2'));
    expect(m.addId('Interrupting SendWorker')).toBe(m.addId('Interrupting SendWorker'));
    expect(m.addId('Interrupting SendWorker')).not.toBe(m.addId('Interrupting Receiver'));
  });

  it('survives a serialisation round trip with the same clusters and ids', () => {
    const m = new TemplateMiner();
    const id = m.addId('disk /dev/sda1 is 91% full', 5);
    m.addId('cache miss for key user:42', 6);
    m.addId('moved chk_1111 chk_2222 to cold storage', 6);
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.size).toBe(3);
    expect(restored.addId('disk /dev/sdb2 is 97% full', 7)).toBe(id);
    expect(restored.add('moved chk_3333 chk_4444 to cold storage').template).toBe('moved <*> <*> to cold storage');
    const fresh = restored.addId('a new kind of message');
    expect(fresh).toBeGreaterThan(id);
    expect(m.clusters().map((c) => c.id)).not.toContain(fresh);
  });

  it('caps the clusters, evicting the least recently seen', () => {
    const m = new TemplateMiner({ maxClusters: 3 });
    const old = m.addId('first kind of thing', 1);
    m.addId('second kind happened here', 2);
    m.addId('third event type occurs now today', 3);
    m.addId('fourth totally different message shape here now', 4);
    expect(m.size).toBe(3);
    expect(m.cluster(old)).toBeUndefined();
    expect(m.addId('first kind of thing', 5)).not.toBe(old);
  });
});
