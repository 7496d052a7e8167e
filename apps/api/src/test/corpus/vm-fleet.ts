import { watchdog } from './kube-labels';
import { Episode, notify } from './notifier';
import { Labels } from './payloads';
import { Story, StoryBuilder } from './story';

/**
 * A shop on virtual machines without Kubernetes: Prometheus with node-exporter (:9100), the
 * mysqld, redis and haproxy exporters, blackbox probes of the public site; Grafana alerts on the
 * same data source; one Sentry project for the web application (server_name is the VM).
 *
 * The true incidents:
 *  db01-disk      db01's data disk full: the filesystem alert, MySQL down on that host, a Grafana
 *                 MySQL panel, and the web application's "MySQL server has gone away" errors
 *  cert-expiry    the API's TLS certificate expiring soon (alone)
 *  cache01-memory Redis on cache01 near its memory limit and the host out of memory
 *  backup-failed  the nightly database backup job failed on db02 (alone)
 *  web01-disk     web01's disk full and the web app's "No space left on device" errors from web01
 *  lb-backend     HAProxy's shop backend down on lb01 and the public probe of the shop failing
 *  db01-again     db01's disk filling again, two hours after db01-disk
 */
export function vmFleet(): Story {
  const s = new StoryBuilder(
    'vm-fleet',
    'Prometheus exporters on VMs, blackbox, Grafana and Sentry',
    Date.parse('2026-11-16T20:00:00Z'),
    53,
  );
  const m = (x: number) => s.t(x);
  const am: Episode[] = [];
  const gf: Episode[] = [];
  const ep = (
    list: Episode[],
    labels: Labels,
    summary: string,
    start: number,
    end: number | undefined,
    truth: string | null,
  ) =>
    list.push(
      s.episode(
        { labels: { ...labels, prometheus: 'prom01' }, annotations: { summary, description: summary } },
        start,
        end,
        truth,
      ),
    );
  const node = (alertname: string, host: string, severity: string, extra: Labels = {}) => ({
    alertname,
    severity,
    instance: `${host}.internal:9100`,
    job: 'node',
    ...extra,
  });

  ep(am, watchdog().labels, 'watchdog', -900, undefined, null);

  ep(
    am,
    node('NodeFilesystemAlmostOutOfSpace', 'db01', 'critical', {
      mountpoint: '/var/lib/mysql',
      device: '/dev/sdb1',
      fstype: 'ext4',
    }),
    'Filesystem has less than 3% space left',
    10,
    45,
    'db01-disk',
  );
  ep(
    am,
    { alertname: 'MySQLDown', severity: 'critical', instance: 'db01.internal:9104', job: 'mysql' },
    'MySQL is down',
    14,
    44,
    'db01-disk',
  );
  ep(
    gf,
    { alertname: 'MySQL connections', severity: 'warning', instance: 'db01.internal:9104', job: 'mysql', team: 'dba' },
    'MySQL connections dropped to 0',
    15,
    43,
    'db01-disk',
  );

  ep(
    am,
    {
      alertname: 'ProbeSSLCertExpiringSoon',
      severity: 'warning',
      instance: 'https://api.example.com',
      job: 'blackbox',
    },
    'SSL certificate expires in 13 days',
    40,
    60,
    'cert-expiry',
  );

  ep(
    am,
    { alertname: 'RedisMemoryHigh', severity: 'warning', instance: 'cache01.internal:9121', job: 'redis' },
    'Redis memory above 90%',
    50,
    70,
    'cache01-memory',
  );
  ep(am, node('HostOutOfMemory', 'cache01', 'warning'), 'Host out of memory', 52, 69, 'cache01-memory');

  ep(
    am,
    {
      alertname: 'BackupFailed',
      severity: 'critical',
      job: 'pushgateway',
      instance: 'pushgateway.internal:9091',
      exported_job: 'db-backup',
      host: 'db02',
    },
    'Nightly backup failed',
    70,
    100,
    'backup-failed',
  );

  ep(
    am,
    node('NodeFilesystemAlmostOutOfSpace', 'web01', 'critical', {
      mountpoint: '/',
      device: '/dev/sda1',
      fstype: 'ext4',
    }),
    'Filesystem has less than 3% space left',
    90,
    110,
    'web01-disk',
  );

  ep(
    am,
    {
      alertname: 'HAProxyBackendDown',
      severity: 'critical',
      instance: 'lb01.internal:9101',
      job: 'haproxy',
      backend: 'shop',
    },
    'HAProxy backend shop is down',
    100,
    115,
    'lb-backend',
  );
  ep(
    am,
    { alertname: 'ProbeFailed', severity: 'critical', instance: 'https://shop.example.com', job: 'blackbox' },
    'Probe of https://shop.example.com failed',
    101,
    115,
    'lb-backend',
  );

  ep(
    am,
    node('NodeFilesystemSpaceFillingUp', 'db01', 'warning', {
      mountpoint: '/var/lib/mysql',
      device: '/dev/sdb1',
      fstype: 'ext4',
    }),
    'Filesystem predicted to fill within 24 hours',
    140,
    150,
    'db01-again',
  );

  const end = m(160);
  notify(s, am, end, { source: 'alertmanager', routes: [{ receiver: 'ops', groupBy: ['alertname', 'instance'] }] });
  notify(s, gf, end, {
    source: 'grafana',
    routes: [{ receiver: 'ops', groupBy: ['grafana_folder', 'alertname'] }],
    folder: (l) => l['team'] ?? 'General',
  });

  const web = { project: 'shop-web', culprit: 'shop.db in execute' };
  for (const t of [15, 17, 22, 30])
    s.sentryEvent(
      m(t),
      { id: '7740001', ...web, title: "OperationalError: (2006, 'MySQL server has gone away')" },
      { environment: 'production', server_name: 'web02' },
      'db01-disk',
    );
  for (const t of [92, 96, 103])
    s.sentryEvent(
      m(t),
      { id: '7740002', ...web, title: "OSError: [Errno 28] No space left on device: '/var/cache/shop/sessions'" },
      { environment: 'production', server_name: 'web01' },
      'web01-disk',
    );
  return s.build();
}
