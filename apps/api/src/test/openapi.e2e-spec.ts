import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from './test-app';

const committed = join(__dirname, '../../openapi.json');

/**
 * The OpenAPI document is generated from the code; the committed copy (apps/api/openapi.json) is what
 * clients and reviewers read. Any drift fails here: refresh it with `npm run openapi`.
 */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches the committed apps/api/openapi.json', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const generated = JSON.stringify(res.body, null, 2) + '\n';
    if (process.env['UPDATE_OPENAPI'] === '1') writeFileSync(committed, generated);
    expect(existsSync(committed)).toBe(true);
    expect(readFileSync(committed, 'utf8')).toBe(generated);
  });
});
