/** Typed, validated configuration. Built once from the environment at start. */
export interface AppConfig {
  host: string;
  port: number;
  databaseUrl: string;
  secretKey: string;
  /** Fernet keys; the first encrypts, all decrypt. */
  encryptionKeys: string[];
  accessTokenMinutes: number;
  refreshTokenDays: number;
  /** How long a just-rotated refresh token still yields its successor (concurrent refreshes). */
  refreshReuseGraceSeconds: number;
  redisUrl: string | null;
  /** Prefix of every queue name and Redis key (REDIS_PREFIX): one per deployment sharing a Redis. */
  redisPrefix: string;
  corsOrigins: string[];
  bodyLimit: string;
  logLevel: string;
  cookieSecure: boolean;
  trustProxy: boolean;
  loginRateLimit: { perIp: number; perEmail: number; windowSeconds: number };
  registerRateLimit: { perIp: number; windowSeconds: number };
  /** Connection tests (of a form or a stored account) per user and per client IP. */
  connectionTestRateLimit: { perUser: number; perIp: number; windowSeconds: number };
  webDist: string | null;
  /** The URL senders reach MOZAIC at (e.g. https://mozaic.example.com), used in webhook URLs. */
  publicUrl: string | null;
  /** Alerts one Alertmanager or Grafana delivery may carry (413 beyond). */
  webhookMaxAlerts: number;
  /** A heartbeat sender silent for this long (at least; three of its beats) is an incident. */
  heartbeatMissingAfterMs: number;
  /** Live streams (SSE) one user may hold open in one process. */
  sseMaxStreamsPerUser: number;
  /** Consume queued work in this process (BullMQ workers, sweepers); worker.ts always does. */
  runWorkers: boolean;
  /** The queues this process consumes when it runs workers (WORKER_QUEUES, e.g. notify); null: all. */
  workerQueues: string[] | null;
  sources: SourcesConfig;
  notifications: NotificationsConfig;
  /**
   * GET /metrics (METRICS_ENABLED), optionally behind a Bearer token (METRICS_TOKEN); with METRICS_PORT, also
   * on a port of its own (how a worker process, which has no HTTP API, is scraped).
   */
  metrics: { enabled: boolean; token: string | null; port: number | null };
  /**
   * How long data is kept, in days: these defaults, changed per project within maxDays. Raw deliveries
   * (processed or failed; never pending ones), signals, resolved incidents with their alerts.
   */
  retention: { deliveriesDays: number; signalsDays: number; incidentsDays: number; maxDays: number; intervalS: number };
}

/** How MOZAIC sends notifications. */
export interface NotificationsConfig {
  /** The mail server of email channels (SMTP_URL: smtp:// or smtps://, credentials in the URL); none: no email. */
  smtpUrl: string | null;
  /** The From of notification mail (SMTP_FROM). */
  smtpFrom: string;
  /** Per-attempt timeout of a receiver (NOTIFY_TIMEOUT_MS); a send's lease is this plus 5 s. */
  timeoutMs: number;
  /** Attempts before a notification is given up as failed (NOTIFY_MAX_ATTEMPTS). */
  maxAttempts: number;
}

/** How MOZAIC calls monitoring sources. */
export interface SourcesConfig {
  /** Per-request timeout (ms). */
  requestTimeoutMs: number;
  /** Deadline of one account's whole collection or test (ms). */
  deadlineMs: number;
  /** Accounts collected at once per process. */
  concurrency: number;
  /** Forbid private, loopback and link-local addresses in user-given URLs (metadata endpoints always are). */
  blockPrivateAddresses: boolean;
  /** Unix socket paths a Docker account may name (none by default: the host's engine stays private). */
  dockerSocketAllowlist: string[];
  /** Whether failures of calls to private addresses are shown in full (else one uniform message). */
  privateErrors: 'withheld' | 'detailed';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const FERNET_KEY = /^[A-Za-z0-9_-]{43}=$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates every variable; a bad or missing one is named in the error. */
export function parseConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return def;
  };

  const databaseUrl = str('DATABASE_URL');
  if (!databaseUrl) problems.push('DATABASE_URL is required (postgres://user:pass@host:port/db)');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');

  const secretKey = str('SECRET_KEY');
  if (!secretKey) problems.push('SECRET_KEY is required (the JWT signing secret, at least 32 characters)');
  else if (secretKey.length < 32) problems.push('SECRET_KEY must be at least 32 characters long');

  const encryptionKeys = (str('ENCRYPTION_KEY') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (encryptionKeys.length === 0)
    problems.push('ENCRYPTION_KEY is required (a Fernet key: 32 bytes, url-safe base64)');
  encryptionKeys.forEach((k, i) => {
    if (!FERNET_KEY.test(k))
      problems.push(`ENCRYPTION_KEY key #${i + 1} is not a Fernet key (32 bytes, url-safe base64)`);
  });

  const redisUrl = str('REDIS_URL') ?? null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');

  const redisPrefix = str('REDIS_PREFIX') ?? 'mozaic';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(redisPrefix))
    problems.push(`REDIS_PREFIX must be 1 to 64 letters, digits, '.', '_' or '-' (got "${redisPrefix}")`);

  const bodyLimit = str('BODY_LIMIT') ?? '1mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT must look like 512kb or 1mb (got "${bodyLimit}")`);

  const logLevel = (str('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const corsOrigins = (str('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of corsOrigins) {
    if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o))
      problems.push(`CORS_ORIGINS entry "${o}" must be an origin like https://example.com`);
  }

  const dockerSocketAllowlist = (str('DOCKER_SOCKET_ALLOWLIST') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of dockerSocketAllowlist)
    if (!p.startsWith('/')) problems.push(`DOCKER_SOCKET_ALLOWLIST entry "${p}" must be an absolute socket path`);

  const publicUrl = str('PUBLIC_URL')?.replace(/\/+$/, '') ?? null;
  if (publicUrl && !/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(publicUrl))
    problems.push(`PUBLIC_URL must be an http(s) URL such as https://mozaic.example.com (got "${publicUrl}")`);

  const QUEUES = ['ingest', 'collect', 'notify'];
  const workerQueues =
    str('WORKER_QUEUES')
      ?.split(',')
      .map((q) => q.trim())
      .filter(Boolean) ?? null;
  for (const q of workerQueues ?? [])
    if (!QUEUES.includes(q)) problems.push(`WORKER_QUEUES entry "${q}" must be one of ${QUEUES.join(', ')}`);

  const smtpUrl = str('SMTP_URL') ?? null;
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl))
    problems.push('SMTP_URL must look like smtp://user:pass@mail.example.com:587 or smtps://…');

  const privateErrors = (str('OUTBOUND_PRIVATE_ERRORS') ?? 'withheld').toLowerCase();
  if (privateErrors !== 'withheld' && privateErrors !== 'detailed')
    problems.push(`OUTBOUND_PRIVATE_ERRORS must be withheld or detailed (got "${privateErrors}")`);

  const config: AppConfig = {
    host: str('HOST') ?? '0.0.0.0',
    port: int('PORT', 3000, 0, 65535),
    databaseUrl: databaseUrl ?? '',
    secretKey: secretKey ?? '',
    encryptionKeys,
    accessTokenMinutes: int('ACCESS_TOKEN_EXPIRE_MINUTES', 30, 1, 24 * 60),
    refreshTokenDays: int('REFRESH_TOKEN_EXPIRE_DAYS', 14, 1, 365),
    refreshReuseGraceSeconds: int('REFRESH_REUSE_GRACE_SECONDS', 20, 0, 300),
    redisUrl,
    redisPrefix,
    corsOrigins,
    bodyLimit,
    logLevel,
    cookieSecure: bool('COOKIE_SECURE', false),
    trustProxy: bool('TRUST_PROXY', false),
    loginRateLimit: {
      perIp: int('LOGIN_RATE_LIMIT_PER_IP', 30, 1, 100000),
      perEmail: int('LOGIN_RATE_LIMIT_PER_EMAIL', 10, 1, 100000),
      windowSeconds: int('LOGIN_RATE_LIMIT_WINDOW_SECONDS', 300, 1, 86400),
    },
    registerRateLimit: {
      perIp: int('REGISTER_RATE_LIMIT_PER_IP', 10, 1, 100000),
      windowSeconds: int('REGISTER_RATE_LIMIT_WINDOW_SECONDS', 3600, 1, 86400),
    },
    connectionTestRateLimit: {
      perUser: int('CONNECTION_TEST_RATE_LIMIT_PER_USER', 20, 1, 100000),
      perIp: int('CONNECTION_TEST_RATE_LIMIT_PER_IP', 60, 1, 100000),
      windowSeconds: int('CONNECTION_TEST_RATE_LIMIT_WINDOW_SECONDS', 300, 1, 86400),
    },
    webDist: str('WEB_DIST') ?? null,
    publicUrl,
    webhookMaxAlerts: int('WEBHOOK_MAX_ALERTS', 1_000, 1, 20_000),
    heartbeatMissingAfterMs: int('HEARTBEAT_MISSING_MINUTES', 10, 1, 10_080) * 60_000,
    sseMaxStreamsPerUser: int('SSE_MAX_STREAMS_PER_USER', 10, 1, 10000),
    runWorkers: bool('RUN_WORKERS', true),
    workerQueues,
    sources: {
      requestTimeoutMs: int('SOURCE_TIMEOUT_MS', 10_000, 100, 120_000),
      deadlineMs: int('SOURCE_DEADLINE_MS', 60_000, 1_000, 600_000),
      concurrency: int('COLLECT_CONCURRENCY', 100, 1, 1000),
      blockPrivateAddresses: bool('OUTBOUND_BLOCK_PRIVATE', false),
      dockerSocketAllowlist,
      privateErrors: privateErrors === 'detailed' ? 'detailed' : 'withheld',
    },
    retention: {
      deliveriesDays: int('RETENTION_DELIVERIES_DAYS', 14, 1, 36_500),
      signalsDays: int('RETENTION_SIGNALS_DAYS', 30, 1, 36_500),
      incidentsDays: int('RETENTION_INCIDENTS_DAYS', 400, 1, 36_500),
      maxDays: int('RETENTION_MAX_DAYS', 3_650, 1, 36_500),
      intervalS: int('RETENTION_INTERVAL_S', 600, 10, 86_400),
    },
    metrics: {
      enabled: bool('METRICS_ENABLED', false),
      token: str('METRICS_TOKEN') ?? null,
      port: str('METRICS_PORT') === undefined ? null : int('METRICS_PORT', 9464, 1, 65_535),
    },
    notifications: {
      smtpUrl,
      smtpFrom: str('SMTP_FROM') ?? 'MOZAIC <mozaic@localhost>',
      timeoutMs: int('NOTIFY_TIMEOUT_MS', 10_000, 100, 120_000),
      maxAttempts: int('NOTIFY_MAX_ATTEMPTS', 12, 1, 100),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
