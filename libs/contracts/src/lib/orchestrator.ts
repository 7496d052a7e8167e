import { AccountStatus, ServiceType } from './enums';
import { AccountConfig, AccountCredentials } from './accounts';

/** The outcome of a connection test (POST /accounts/{id}/test, and POST /accounts/test before saving). */
export interface AccountTestResult {
  ok: boolean;
  status: AccountStatus;
  /** What the test found, e.g. "3 namespaces visible" (no secrets). */
  detail: string | null;
  /** Why it failed, sanitized: no secrets, no stack. */
  error: string | null;
  tested_at: string;
}

/** POST /accounts/test: the connect form's fields, tested without saving. */
export interface TestAccountRequest {
  service_type: ServiceType;
  credentials: AccountCredentials;
  config?: AccountConfig;
}

export const FETCH_ITEM_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type FetchItemStatus = (typeof FETCH_ITEM_STATUSES)[number];

/** One account's part of a manual fetch. */
export interface FetchRunItem {
  account_id: string;
  account_name: string;
  service_type: ServiceType;
  status: FetchItemStatus;
  /** Signals collected (done only). */
  signal_count: number | null;
  /** Why it failed (failed only), sanitized. */
  error: string | null;
  finished_at: string | null;
}

/** The handle of POST /incidents/fetch/{project_id}; GET /incidents/fetch/runs/{id} reads its progress. */
export interface FetchRun {
  id: string;
  project_id: string;
  created_at: string;
  /** True once every account is done or failed. */
  finished: boolean;
  accounts: FetchRunItem[];
}

/** A collect job: one account, periodic (run_id null) or part of a manual fetch. */
export interface CollectJobData {
  accountId: string;
  runId: string | null;
}
