import { TemplateMiner } from './template-miner';

describe('TemplateMiner', () => {
  it('groups messages of one template and extracts its variables', () => {
    const m = new TemplateMiner();
    const a = m.add('Refused login for pool_guest from 10.0.0.1 port 22 ssh2', 1000);
    const b = m.add('Refused login for pool_tester from 10.0.0.7 port 4022 ssh2', 2000);
    expect(a.change).toBe('created');
    expect(b.clusterId).toBe(a.clusterId);
    expect(b.change).toBe('generalized');
    // "ssh2" is a word with a short digit run: it stays in the template.
    expect(b.template).toBe('Refused login for pool_<*> from <*> port <*> ssh2');
    expect(b.params).toEqual(['pool_tester', '10.0.0.7', '4022']);
    const c = m.cluster(a.clusterId);
    expect(c).toMatchObject({ count: 2, firstSeen: 1000, lastSeen: 2000 });
    expect(c?.examples).toHaveLength(2);
  });

  it('generalises only the part of a token that varies (key=value, bracketed values)', () => {
    const m = new TemplateMiner();
    m.add('the lease was granted to worker=blue_fox in [zone a]');
    expect(m.add('the lease was granted to worker=red_owl in [zone b]').template).toBe(
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
    const first = m.addId('Starting worker pool_alpha on queue ingest');
    for (const w of ['pool_beta', 'pool_gamma', 'pool_delta'])
      expect(m.addId(`Starting worker ${w} on queue ingest`)).toBe(first);
    expect(m.add('Starting worker pool_omega on queue ingest').template).toBe(
      'Starting worker pool_<*> on queue ingest',
    );
  });

  it('keeps words that tell events apart (password / none, LOOKING / LEADING) as constants', () => {
    const m = new TemplateMiner();
    const password = m.add('Failed password for root from 10.0.0.1 port 22');
    const none = m.add('Failed none for root from 10.0.0.2 port 23');
    expect(none.clusterId).not.toBe(password.clusterId);
    expect(none.change).toBe('created');
    expect(none.template).toBe('Failed none for root from <*> port <*>');
    expect(m.addId('Failed password for root from 10.0.0.3 port 24')).toBe(password.clusterId);
    const states = ['LOOKING', 'LEADING', 'FOLLOWING', 'LOOKING'].map((s) => m.addId(`peer 3 is in state ${s} now`));
    expect(new Set(states).size).toBe(3);
    expect(states[3]).toBe(states[0]);
    expect(m.cluster(states[1])?.tokens.join(' ')).toBe('peer <*> is in state LEADING now');
  });

  it('makes a word position a variable once it holds more distinct words than a vocabulary, merging its clusters', () => {
    const m = new TemplateMiner({ maxWordVariants: 3 });
    const users = ['alice', 'bob', 'carol', 'dave', 'erin'];
    const ids = users.map((u, i) => m.addId(`session opened for user ${u} by sshd`, i));
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    // The fourth name proves the position a variable: the three clusters merge into the oldest.
    expect(ids.slice(3)).toEqual([ids[0], ids[0]]);
    for (const id of ids) expect(m.resolve(id)).toBe(ids[0]);
    const merged = m.cluster(ids[1]);
    expect(merged?.id).toBe(ids[0]);
    expect(merged?.tokens.join(' ')).toBe('session opened for user <*> by sshd');
    expect(merged).toMatchObject({ count: 5, firstSeen: 0, lastSeen: 4 });
    expect(m.size).toBe(1);
  });

  it('counts upper-case enum constants as words and lower-case snake_case names as values', () => {
    const m = new TemplateMiner();
    const a = m.addId('task moved to FAIL_TASK_CLEANUP');
    expect(m.addId('task moved to SUCCESS_CONTAINER_CLEANUP')).not.toBe(a);
    const b = m.addId('domain root_domain is served');
    expect(m.addId('domain cluster_backup is served')).toBe(b);
  });

  it('tells events apart by a word inside a token (`dcbf.........0`), not by a dotted name', () => {
    const m = new TemplateMiner();
    const a = m.addId('data store interrupt caused by dcbf.........0');
    expect(m.addId('data store interrupt caused by dcbf.........1')).toBe(a);
    expect(m.addId('data store interrupt caused by icbi.........0')).not.toBe(a);
    const b = m.addId('Server environment:java.vendor=Oracle Corporation');
    expect(m.addId('Server environment:os.name=Linux Corporation')).toBe(b);
  });

  it('reads names that differ only in their number as one name numbered, other letters as events', () => {
    const m = new TemplateMiner();
    const a = m.addId('NFS mount failed on bglio716, slept 5 seconds');
    expect(m.addId('NFS mount failed on bglio91, slept 5 seconds')).toBe(a);
    const b = m.addId('link up on network 10.1.0.0 via interface ee0');
    expect(m.addId('link up on network 10.2.0.0 via interface alt0')).not.toBe(b);
    expect(m.addId('link up on network 10.3.0.0 via interface ee0')).toBe(b);
  });

  it('keeps the shared prefix of numbered names in the template (`node-<*>`)', () => {
    const m = new TemplateMiner();
    m.add('heartbeat lost from node-96 after 30 s');
    expect(m.add('heartbeat lost from node-160 after 30 s').template).toBe('heartbeat lost from node-<*> after <*> s');
  });

  it('with maxWordVariants 0, any differing word is a variable at once', () => {
    const m = new TemplateMiner({ maxWordVariants: 0 });
    expect(m.addId('Failed none for root')).toBe(m.addId('Failed password for root'));
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
    const words = ['alpha', 'beta', 'gamma', 'delta'].map((w) => m.addId(`queue ${w} drained after the restart`, 8));
    const states = ['STARTED', 'STOPPED'].map((w) => m.addId(`the unit is now ${w}`, 9));
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.size).toBe(6); // the three above, one queue cluster, two unit states
    expect(restored.resolve(words[1])).toBe(words[0]);
    expect(restored.addId('queue epsilon drained after the restart')).toBe(words[0]);
    expect(restored.addId('the unit is now STOPPED')).toBe(states[1]);
    expect(restored.addId('the unit is now FAILED')).not.toBe(states[0]);
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
