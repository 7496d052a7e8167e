import { Injectable } from '@nestjs/common';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchCredentials, Signal } from '@mozaic/contracts';
import { CollectResult, SourceContext, SourceCursor, SourceProvider } from '../../source-provider.interface';
import { SourceError } from '../../source-error';
import { ApiAlarm, mapApiAlarm, mapLogEvent } from '@mozaic/sources';

const MAX_PAGES = 10;
const FIRST_LOOKBACK_MS = 3_600_000;

interface Clients {
  cw: CloudWatchClient;
  logs: CloudWatchLogsClient;
  region: string;
}

/**
 * AWS CloudWatch through the AWS SDK (SigV4): alarms in ALARM, the alarm history since the cursor
 * (alarms that fired and recovered between polls, and recoveries), and log events matching the
 * account's filter pattern in its log groups (FilterLogEvents, paginated).
 */
@Injectable()
export class CloudWatchProvider implements SourceProvider<'cloudwatch'> {
  readonly type = 'cloudwatch' as const;

  async test(ctx: SourceContext<CloudWatchCredentials>): Promise<string> {
    const c = await this.clients(ctx);
    try {
      const out = await c.cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM', MaxRecords: 100 }), this.opts(ctx));
      return `${(out.MetricAlarms?.length ?? 0) + (out.CompositeAlarms?.length ?? 0)} alarm(s) in ALARM in ${c.region}`;
    } catch (e) {
      throw this.failure(e, ctx);
    } finally {
      this.close(c);
    }
  }

  async collect(ctx: SourceContext<CloudWatchCredentials>, cursor: SourceCursor | null): Promise<CollectResult> {
    const c = await this.clients(ctx);
    const now = new Date();
    const since = new Date(
      Date.parse(typeof cursor?.['since'] === 'string' ? cursor['since'] : '') || now.getTime() - FIRST_LOOKBACK_MS,
    );
    const signals: Signal[] = [];
    try {
      const alarms = new Map<string, ApiAlarm>();
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out: DescribeAlarmsCommandOutput = await c.cw.send(
          new DescribeAlarmsCommand({ StateValue: 'ALARM', MaxRecords: 100, NextToken: token }),
          this.opts(ctx),
        );
        for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
          if (a.AlarmName) alarms.set(a.AlarmName, a);
          signals.push(...mapApiAlarm(ctx.projectId, a));
        }
        token = out.NextToken;
        if (!token) break;
      }
      signals.push(...(await this.history(ctx, c, since, now, alarms)));
      signals.push(...(await this.logs(ctx, c, since, now)));
    } catch (e) {
      throw this.failure(e, ctx);
    } finally {
      this.close(c);
    }
    return { signals, cursor: { since: now.toISOString() } };
  }

  /** State changes since the cursor: each becomes a firing or resolved signal at its own time. */
  private async history(
    ctx: SourceContext<CloudWatchCredentials>,
    c: Clients,
    since: Date,
    now: Date,
    known: Map<string, ApiAlarm>,
  ) {
    const signals: Signal[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await c.cw.send(
        new DescribeAlarmHistoryCommand({
          HistoryItemType: 'StateUpdate',
          StartDate: since,
          EndDate: now,
          ScanBy: 'TimestampAscending',
          MaxRecords: 100,
          NextToken: token,
        }),
        this.opts(ctx),
      );
      for (const item of out.AlarmHistoryItems ?? []) {
        if (!item.AlarmName || !item.Timestamp || !item.HistoryData) continue;
        let data: { newState?: { stateValue?: string; stateReason?: string } };
        try {
          data = JSON.parse(item.HistoryData) as typeof data;
        } catch {
          continue;
        }
        const value = data.newState?.stateValue;
        if (value !== 'ALARM' && value !== 'OK') continue;
        const alarm = known.get(item.AlarmName) ?? {
          AlarmName: item.AlarmName,
          AlarmArn: `arn:aws:cloudwatch:${c.region}:${this.accountOf(known)}:alarm:${item.AlarmName}`,
        };
        signals.push(
          ...mapApiAlarm(ctx.projectId, alarm, { value, reason: data.newState?.stateReason, at: item.Timestamp }),
        );
      }
      token = out.NextToken;
      if (!token) break;
    }
    return signals;
  }

  private async logs(ctx: SourceContext<CloudWatchCredentials>, c: Clients, since: Date, now: Date) {
    const signals: Signal[] = [];
    for (const group of ctx.config.log_group_names ?? []) {
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await c.logs.send(
          new FilterLogEventsCommand({
            logGroupName: group,
            filterPattern: ctx.config.filter_pattern || undefined,
            startTime: since.getTime(),
            endTime: now.getTime(),
            nextToken: token,
            limit: 1000,
          }),
          this.opts(ctx),
        );
        for (const e of out.events ?? []) {
          const s = mapLogEvent(ctx.projectId, group, c.region, e);
          if (s) signals.push(s);
        }
        token = out.nextToken;
        if (!token) break;
      }
    }
    return signals;
  }

  /** The account id, from any alarm ARN seen in this collect. */
  private accountOf(known: Map<string, ApiAlarm>): string {
    for (const a of known.values()) if (a.AlarmArn) return a.AlarmArn.split(':')[4] ?? '';
    return '';
  }

  private async clients(ctx: SourceContext<CloudWatchCredentials>): Promise<Clients> {
    const creds = ctx.credentials;
    const region = ctx.config.region;
    if (!region) throw new SourceError('invalid', 'region is required');
    const endpoint = ctx.config.endpoint ? (await ctx.checkUrl(ctx.config.endpoint)).toString() : undefined;
    const common = {
      region,
      endpoint,
      credentials: {
        accessKeyId: creds.access_key_id,
        secretAccessKey: creds.secret_access_key,
        sessionToken: creds.session_token || undefined,
      },
      maxAttempts: 3,
      requestHandler: {
        requestTimeout: ctx.timeoutMs,
        connectionTimeout: ctx.timeoutMs,
        // The call's guarded agents: the outbound policy applies to the address connected to.
        httpAgent: ctx.agents.http(),
        httpsAgent: ctx.agents.https(),
      },
    };
    return { cw: new CloudWatchClient(common), logs: new CloudWatchLogsClient(common), region };
  }

  private opts(ctx: SourceContext<CloudWatchCredentials>) {
    return { abortSignal: ctx.signal };
  }

  private close(c: Clients): void {
    c.cw.destroy();
    c.logs.destroy();
  }

  private failure(e: unknown, ctx: SourceContext<CloudWatchCredentials>): SourceError {
    if (e instanceof SourceError) return e;
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; code?: string };
    const status = err.$metadata?.httpStatusCode;
    const name = err.name ?? 'Error';
    if (ctx.signal.aborted) return new SourceError('timeout', "the collection's deadline passed");
    if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'AbortError')
      return new SourceError('timeout', `CloudWatch did not answer within ${ctx.timeoutMs} ms`);
    if (
      status === 401 ||
      status === 403 ||
      /InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient|ExpiredToken/.test(name)
    )
      return new SourceError(
        status === 403 && /AccessDenied/.test(name) ? 'forbidden' : 'auth',
        `CloudWatch refused the credentials (${name})`,
      );
    if (status === 429 || /Throttl/.test(name))
      return new SourceError('rate_limited', `CloudWatch is throttling (${name})`);
    if (status && status >= 500) return new SourceError('server', `CloudWatch failed (${status} ${name})`);
    if (status) return new SourceError('invalid', `CloudWatch answered ${status} (${name})`);
    return new SourceError('unreachable', `CloudWatch is unreachable${err.code ? ` (${err.code})` : ''}`);
  }
}
