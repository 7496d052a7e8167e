import { TemplateMiner } from './template-miner';

describe('TemplateMiner', () => {
  it('groups messages of one template and extracts its variables', () => {
    const m = new TemplateMiner();
    const a = m.add('Failed password for root from 10.0.0.1 port 22 ssh2', 1000);
    const b = m.add('Failed password for admin from 10.0.0.7 port 4022 ssh2', 2000);
    expect(a.change).toBe('created');
    expect(b.clusterId).toBe(a.clusterId);
    expect(b.change).toBe('generalized');
    // "ssh2" has a digit, so by shape it is a variable, and it joins the port's run of variables.
    expect(b.template).toBe('Failed password for <*> from <*> port <*>');
    expect(b.params).toEqual(['admin', '10.0.0.7', '4022 ssh2']);
    const c = m.cluster(a.clusterId);
    expect(c).toMatchObject({ count: 2, firstSeen: 1000, lastSeen: 2000 });
    expect(c?.examples).toHaveLength(2);
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
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.size).toBe(2);
    expect(restored.addId('disk /dev/sdb2 is 97% full', 7)).toBe(id);
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
