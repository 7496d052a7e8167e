import { INestApplication } from '@nestjs/common';
import { Writable } from 'node:stream';
import request from 'supertest';
import { AppConfig, parseConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { OutboundOverrides } from '../modules/webhooks/webhooks.module';

export const TEST_SECRET_KEY = 'test-secret-key-that-is-long-enough-0123456789';
export const TEST_ENCRYPTION_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Every log line written so far (JSON). */
  logs: string[];
  close(): Promise<void>;
}

/** Boots the real app on the run's test database; env overrides change single settings. */
export async function createTestApp(env: Record<string, string> = {}, outbound?: OutboundOverrides): Promise<TestApp> {
  const dbUrl = process.env['TEST_DATABASE_URL'];
  if (!dbUrl) throw new Error('TEST_DATABASE_URL is not set: the jest global setup did not run');
  const config = parseConfig({
    DATABASE_URL: dbUrl,
    SECRET_KEY: TEST_SECRET_KEY,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    REDIS_URL: process.env['REDIS_URL'],
    // Queues of this run only: a dev server or another run on the same Redis takes none of its jobs.
    REDIS_PREFIX: testRedisPrefix(),
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT_PER_IP: '1000',
    LOGIN_RATE_LIMIT_PER_EMAIL: '1000',
    REGISTER_RATE_LIMIT_PER_IP: '100000',
    CONNECTION_TEST_RATE_LIMIT_PER_USER: '100000',
    CONNECTION_TEST_RATE_LIMIT_PER_IP: '100000',
    // Most tests talk to local fake APIs and check their precise errors; the security test checks the default.
    OUTBOUND_PRIVATE_ERRORS: 'detailed',
    ...env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const app = await createApp(config, { logStream, outbound });
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    logs,
    http: () => request(server),
    close: () => app.close(),
  };
}

/** The run's own queue prefix, from its database name. */
export function testRedisPrefix(): string {
  const db = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://x/test').pathname.slice(1);
  return `mozaic-test-${db}`.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64);
}

let counter = 0;

/** A unique email per call, so tests never collide in the shared run database. */
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}.${Date.now().toString(36)}.${process.pid}.${counter}@example.com`;
}

export interface LoggedInUser {
  id: string;
  email: string;
  password: string;
  token: string;
  auth: { Authorization: string };
}

export async function registerAndLogin(t: TestApp, tag = 'user'): Promise<LoggedInUser> {
  const email = uniqueEmail(tag);
  const password = 'correct horse battery staple';
  const reg = await t.http().post('/api/v1/auth/register').send({ email, password }).expect(201);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  const token = login.body.access_token as string;
  return {
    id: reg.body.id as string,
    email,
    password,
    token,
    auth: { Authorization: `Bearer ${token}` },
  };
}
