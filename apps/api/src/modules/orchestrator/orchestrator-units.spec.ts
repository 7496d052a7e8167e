import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutboundUrl } from './outbound/url-policy';
import { retryAfter } from './outbound/outbound-http';
import { demuxDockerLogs } from './providers/docker/docker-log-stream';
import { nextPage } from '@mozaic/sources';
import { describeSourceError, SourceError } from './source-error';

const FIXTURES = join(__dirname, '../../../../../tools/fixtures');

describe('Docker log demultiplexing', () => {
  it('splits the documented multiplexed stream into stdout and stderr lines', () => {
    const body = readFileSync(join(FIXTURES, 'docker/logs-multiplexed-stream.CONSTRUCTED.bin'));
    expect(demuxDockerLogs(body)).toEqual([
      { stream: 'stdout', text: 'hello' },
      { stream: 'stderr', text: 'oops' },
    ]);
  });

  it('reads a TTY stream as raw text, and keeps what a truncated frame holds', () => {
    expect(demuxDockerLogs(Buffer.from('a\nb\n'), true)).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'stdout', text: 'b' },
    ]);
    const frame = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 20]), Buffer.from('partial')]);
    expect(demuxDockerLogs(frame)).toEqual([{ stream: 'stderr', text: 'partial' }]);
  });
});

describe('outbound URL policy', () => {
  const open = { blockPrivate: false };
  const strict = { blockPrivate: true };

  it('allows http(s) to public and (by default) private addresses', async () => {
    await expect(checkOutboundUrl('https://8.8.8.8/api', strict)).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('http://127.0.0.1:3000', open)).resolves.toBeInstanceOf(URL);
  });

  it.each([
    ['ftp://example.com', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['http://user:pw@example.com', /must not carry credentials/],
    ['not a url', /not a valid URL/],
    ['http://169.254.169.254/latest/meta-data', /metadata/],
    ['http://[fd00:ec2::254]/', /metadata/],
    ['http://metadata.google.internal/', /metadata/],
    ['http://[::ffff:169.254.169.254]/', /metadata/],
  ])('refuses %s', async (url, why) => {
    await expect(checkOutboundUrl(url, open)).rejects.toThrow(why);
  });

  it.each([
    'http://10.1.2.3',
    'http://192.168.0.10',
    'http://127.0.0.1',
    'http://[::1]/',
    'http://169.254.10.10',
    'http://localhost',
  ])('refuses %s when private addresses are forbidden', async (url) => {
    await expect(checkOutboundUrl(url, strict)).rejects.toThrow(/private or link-local/);
  });
});

describe('source errors', () => {
  it('masks secrets, bearer tokens and AWS keys in any message', () => {
    const e = new Error(
      '401 for Bearer abc.def.ghi with token=s3cr3t-value and AKIAIOSFODNN7EXAMPLE, key hunter2-long',
    );
    const text = describeSourceError(e, ['hunter2-long']);
    expect(text).not.toMatch(/abc\.def|s3cr3t|IOSFODNN7|hunter2/);
    expect(text).toContain('Bearer ••••');
  });

  it('keeps a SourceError message and knows which kinds are worth retrying', () => {
    expect(describeSourceError(new SourceError('auth', 'Grafana refused the credentials (401)'))).toBe(
      'Grafana refused the credentials (401)',
    );
    expect(new SourceError('rate_limited', 'x').transient).toBe(true);
    expect(new SourceError('auth', 'x').transient).toBe(false);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const at = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfter(new Headers({ 'retry-after': at }))).toBeGreaterThan(8000);
    expect(retryAfter(new Headers())).toBeUndefined();
  });
});

describe('Sentry Link pagination', () => {
  it('follows rel="next" only while results="true" (the documented headers)', () => {
    const text = readFileSync(join(FIXTURES, 'sentry/api-pagination-link-headers.sentry-docs.txt'), 'utf8');
    const [page1, page2] = text.split('\n').filter((l) => l.startsWith('<'));
    expect(nextPage(page1)).toBe('https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0');
    expect(nextPage(page2)).toBe('https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:200:0');
    expect(nextPage(page1.replace('rel="next"; results="true"', 'rel="next"; results="false"'))).toBeNull();
    expect(nextPage(null)).toBeNull();
  });
});
