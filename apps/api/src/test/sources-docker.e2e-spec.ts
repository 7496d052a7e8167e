import { IncidentDetail } from '@mozaic/contracts';
import { TestDockerEngine } from './support/docker-engine';
import { connect, createProject, fetchNow, firstCollection, incidentDetails } from './support/sources';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

const run = TestDockerEngine.available() ? describe : describe.skip;
if (!TestDockerEngine.available())
  console.warn(
    'dockerd or busybox missing: the Docker engine test does not run (apt-get install docker.io busybox-static)',
  );

/**
 * The Docker provider against a real Docker Engine (Debian's dockerd, started here): containers that
 * log errors and exit non-zero, get OOM-killed or fail their health check become the right signals.
 */
run('pulling a real Docker Engine (e2e)', () => {
  let engine: TestDockerEngine;
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    engine = await TestDockerEngine.start();
    // The operator allows the test engine's socket (and one that does not exist, to test that answer).
    t = await createTestApp({ DOCKER_SOCKET_ALLOWLIST: `${engine.socket},/tmp/no-such-docker.sock` });
    auth = (await registerAndLogin(t, 'docker')).auth;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  }, 30_000);

  it('turns a crash, an OOM kill and a failing health check into incidents; a clean exit into nothing', async () => {
    const pid = await createProject(t, auth, 'docker');
    const acct = await connect(t, auth, pid, 'docker', { host: `unix://${engine.socket}` });
    expect(acct).toMatchObject({ status: 'active', last_error: null });
    await firstCollection(t, auth, acct.id);

    await engine.run('checkout-api', [
      'sh',
      '-c',
      'echo starting; echo "ERROR database connection refused" >&2; exit 3',
    ]);
    await engine.run('reports', ['sh', '-c', 'exec dd if=/dev/zero of=/dev/null bs=64M count=1'], {
      Memory: 8 * 1024 * 1024,
      MemorySwap: 8 * 1024 * 1024,
    });
    await engine.run(
      'payments',
      ['sleep', '60'],
      {},
      { Healthcheck: { Test: ['CMD', 'false'], Interval: 500_000_000, Retries: 1, Timeout: 1_000_000_000 } },
    );
    await engine.run('batch-ok', ['sh', '-c', 'exit 0']);
    // Wait until the engine has seen it all: the health check fails after its first interval.
    // The others have exited (a loaded machine may need a moment).
    for (let i = 0; i < 200; i++) {
      const p = await engine.docker.getContainer('payments').inspect();
      const exited = await Promise.all(
        ['checkout-api', 'reports', 'batch-ok'].map(
          async (n) => (await engine.docker.getContainer(n).inspect()).State.Status === 'exited',
        ),
      );
      if (p.State.Health?.Status === 'unhealthy' && exited.every(Boolean)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Let the second in which they ended pass, so the first poll's window holds all their events.
    await new Promise((r) => setTimeout(r, 1100));

    const fetched = await fetchNow(t, auth, pid);
    expect(fetched.accounts[0]).toMatchObject({ status: 'done' });
    const details = await incidentDetails(t, auth, pid);
    const alerts = details.flatMap((d) => d.alerts);
    const byContainer = (name: string) =>
      alerts
        .filter((a) => a.entities['container'] === name)
        .map((a) => a.label)
        .sort();
    expect(byContainer('checkout-api')).toEqual(['container exited 3', 'log errors']);
    expect(byContainer('reports')).toEqual(expect.arrayContaining(['OOMKilled']));
    expect(byContainer('payments')).toEqual(['container unhealthy']);
    expect(byContainer('batch-ok')).toEqual([]);
    const logs = details.flatMap((d) => d.logs_json.map((l) => l.message));
    expect(logs).toContain('ERROR database connection refused');

    // Polling again finds the same states: nothing new, no count changes (but for the container that
    // stays unhealthy: each failed check since the last poll is a new signal).
    const countsOf = async () =>
      (
        await Promise.all(
          details.map(async (i) => (await t.http().get(`/api/v1/incidents/${i.id}`).set(auth)).body as IncidentDetail),
        )
      )
        .flatMap((d) =>
          d.alerts.filter((a) => a.entities['container'] !== 'payments').map((a) => `${a.label}=${a.count}`),
        )
        .sort();
    const before = await countsOf();
    const again = await fetchNow(t, auth, pid);
    expect(again.accounts[0]).toMatchObject({ status: 'done' });
    expect(await countsOf()).toEqual(before);
  }, 120_000);

  it('reports an engine that is not there as unreachable', async () => {
    const pid = await createProject(t, auth, 'docker-gone');
    const acct = await connect(t, auth, pid, 'docker', { host: 'unix:///tmp/no-such-docker.sock' });
    expect(acct).toMatchObject({ status: 'error', last_error: 'the Docker Engine is unreachable (ENOENT)' });
  });
});
