import { Account, FetchRun, IncidentDetail, IncidentSummary } from '@mozaic/contracts';
import { TestApp } from '../test-app';

type Auth = Record<string, string>;

/** Creates a project through the API; returns its id. */
export async function createProject(t: TestApp, auth: Auth, name: string): Promise<string> {
  return (await t.http().post('/api/v1/projects').set(auth).send({ name }).expect(201)).body.id as string;
}

/** Every incident of the project, in detail (member alerts with their reasons). */
export async function incidentDetails(t: TestApp, auth: Auth, projectId: string): Promise<IncidentDetail[]> {
  const incidents = (await t.http().get(`/api/v1/incidents/project/${projectId}`).set(auth).expect(200))
    .body as IncidentSummary[];
  return Promise.all(
    incidents.map(async (i) => (await t.http().get(`/api/v1/incidents/${i.id}`).set(auth).expect(200)).body),
  );
}

/** Connects an account through the API (which tests it) and returns the answer. */
export async function connect(
  t: TestApp,
  auth: Auth,
  projectId: string,
  service_type: string,
  credentials: object,
  config: object = {},
): Promise<Account> {
  const res = await t
    .http()
    .post('/api/v1/accounts')
    .set(auth)
    .send({ project_id: projectId, service_type, credentials, config: { interval_seconds: 86_400, ...config } });
  if (res.status !== 201) throw new Error(`connect ${service_type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Account;
}

/** Waits for the first, scheduled collection an active account gets right after connecting. */
export async function firstCollection(t: TestApp, auth: Auth, accountId: string, ms = 15_000): Promise<Account> {
  const end = Date.now() + ms;
  for (;;) {
    const a = (await t.http().get(`/api/v1/accounts/${accountId}`).set(auth).expect(200)).body as Account;
    if (a.last_collected_at) return a;
    if (Date.now() > end)
      throw new Error(
        `no first collection: ${JSON.stringify(a)}\n${t.logs
          .filter((l) => /"level":(40|50)|collect/i.test(l))
          .join('')
          .slice(-4000)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** "Fetch now", then follows the handle until every account is done or failed. */
export async function fetchNow(t: TestApp, auth: Auth, projectId: string, ms = 20_000): Promise<FetchRun> {
  const started = (await t.http().post(`/api/v1/incidents/fetch/${projectId}`).set(auth).expect(202)).body as FetchRun;
  const end = Date.now() + ms;
  for (;;) {
    const run = (await t.http().get(`/api/v1/incidents/fetch/runs/${started.id}`).set(auth).expect(200))
      .body as FetchRun;
    if (run.finished) return run;
    if (Date.now() > end) throw new Error(`fetch not finished: ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
