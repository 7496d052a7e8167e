import { Injectable } from '@nestjs/common';
import Docker from 'dockerode';
import { Agent } from 'node:http';
import { text } from 'node:stream/consumers';
import { DockerCredentials, Signal } from '@mozaic/contracts';
import { Json, mapContainerState, mapDockerEvent, mapDockerLogLines } from '@mozaic/sources';
import { CollectResult, SourceContext, SourceCursor, SourceProvider } from '../../source-provider.interface';
import { SourceError } from '../../source-error';
import { demuxDockerLogs } from './docker-log-stream';

const FIRST_LOOKBACK_S = 3_600;
const MAX_INSPECTS = 100;
const MAX_LOG_FETCHES = 10;

/** dockerode passes `agent` on to docker-modem, whose options declare it; its own typings do not. */
type DockerOptions = Docker.DockerOptions & { agent: Agent };

/**
 * A Docker Engine through dockerode (local socket, or tcp:// with TLS): /events since the cursor
 * (die, oom, health_status, kill), containers that exited non-zero, were OOM-killed, are restarting
 * or unhealthy, and the ERROR/WARN lines of the failing containers' log tails.
 */
@Injectable()
export class DockerProvider implements SourceProvider<'docker'> {
  readonly type = 'docker' as const;

  async test(ctx: SourceContext<DockerCredentials>): Promise<string> {
    const { docker } = await this.client(ctx);
    try {
      const v = (await docker.version()) as { Version?: string; ApiVersion?: string };
      const info = (await docker.info()) as { Containers?: number };
      return `Docker ${v.Version ?? '?'} (API ${v.ApiVersion ?? '?'}), ${info.Containers ?? 0} containers`;
    } catch (e) {
      throw this.failure(e, ctx);
    }
  }

  async collect(ctx: SourceContext<DockerCredentials>, cursor: SourceCursor | null): Promise<CollectResult> {
    const { docker, engine } = await this.client(ctx);
    const now = Math.floor(Date.now() / 1000);
    const since = typeof cursor?.['since'] === 'number' ? cursor['since'] : now - FIRST_LOOKBACK_S;
    const signals: Signal[] = [];
    try {
      const raw = await docker.getEvents({
        since,
        until: now,
        filters: { type: ['container'], event: ['die', 'oom', 'health_status', 'kill', 'start'] },
        abortSignal: ctx.signal,
      });
      for (const line of (await text(raw)).split('\n')) {
        if (!line.trim()) continue;
        try {
          const s = mapDockerEvent(ctx.projectId, JSON.parse(line) as Json, engine);
          if (s) signals.push(s);
        } catch {
          // a partial line at the end of the stream
        }
      }
      const fromEvents = new Set(signals.map((s) => s.sourceRef ?? ''));
      const containers = await docker.listContainers({ all: true, abortSignal: ctx.signal });
      const suspicious = containers.filter(
        (c) => /unhealthy|restarting/i.test(c.Status) || (c.State === 'exited' && !/Exited \(0\)/.test(c.Status)),
      );
      let logs = 0;
      for (const c of suspicious.slice(0, MAX_INSPECTS)) {
        const inspect: Json = await docker.getContainer(c.Id).inspect({ abortSignal: ctx.signal });
        const troubled = mapContainerState(ctx.projectId, inspect, engine).filter(
          (s) => Date.parse(s.occurredAt) / 1000 > since,
        );
        // A state the events already reported in this poll is the same occurrence: not counted twice.
        signals.push(...troubled.filter((s) => !fromEvents.has(s.sourceRef ?? '')));
        if (troubled.length && logs++ < MAX_LOG_FETCHES) {
          const body = await docker.getContainer(c.Id).logs({
            stdout: true,
            stderr: true,
            tail: 50,
            timestamps: true,
            since,
            follow: false,
            abortSignal: ctx.signal,
          });
          const tty = (inspect as { Config?: { Tty?: boolean } }).Config?.Tty === true;
          signals.push(...mapDockerLogLines(ctx.projectId, inspect, demuxDockerLogs(Buffer.from(body), tty), engine));
        }
      }
    } catch (e) {
      throw this.failure(e, ctx);
    }
    return { signals, cursor: { since: now } };
  }

  private async client(ctx: SourceContext<DockerCredentials>): Promise<{ docker: Docker; engine: string }> {
    const creds = ctx.credentials;
    const host = creds.host ?? '';
    if (host.startsWith('unix://')) {
      // The guarded agent refuses paths outside DOCKER_SOCKET_ALLOWLIST before touching the disk, so
      // a missing and an existing socket get the same answer.
      const socketPath = host.slice('unix://'.length);
      const docker = new Docker({ socketPath, timeout: ctx.timeoutMs, agent: ctx.agents.http() } as DockerOptions);
      return { docker, engine: 'local' };
    }
    const m = /^tcp:\/\/([^/:\s]+|\[[0-9a-fA-F:.]+\]):(\d{1,5})$/.exec(host);
    if (!m) throw new SourceError('invalid', 'host must be unix:///path/to/docker.sock or tcp://host:port');
    const tls = Boolean(creds.tls_cert && creds.tls_key);
    await ctx.checkUrl(`${tls ? 'https' : 'http'}://${m[1]}:${m[2]}`);
    const agent = tls
      ? ctx.agents.https({ ca: creds.tls_ca, cert: creds.tls_cert, key: creds.tls_key })
      : ctx.agents.http();
    const docker = new Docker({
      host: m[1].replace(/^\[|\]$/g, ''),
      port: Number(m[2]),
      protocol: tls ? 'https' : 'http',
      ca: creds.tls_ca,
      cert: creds.tls_cert,
      key: creds.tls_key,
      timeout: ctx.timeoutMs,
      agent,
    } as DockerOptions);
    return { docker, engine: m[1] };
  }

  private failure(e: unknown, ctx: SourceContext<DockerCredentials>): SourceError {
    if (e instanceof SourceError) return e;
    const err = e as { statusCode?: number; code?: string; message?: string; name?: string };
    if (ctx.signal.aborted) return new SourceError('timeout', "the collection's deadline passed");
    if (err.statusCode === 401 || err.statusCode === 403)
      return new SourceError('auth', `the Docker Engine refused access (${err.statusCode})`);
    if (err.statusCode && err.statusCode >= 300 && err.statusCode < 400)
      return new SourceError(
        'invalid',
        `the Docker Engine answered ${err.statusCode}, a redirect, which MOZAIC does not follow`,
      );
    if (err.statusCode && err.statusCode >= 500)
      return new SourceError('server', `the Docker Engine failed (${err.statusCode})`);
    if (err.statusCode) return new SourceError('invalid', `the Docker Engine answered ${err.statusCode}`);
    if (err.message === 'timeout' || err.code === 'ETIMEDOUT' || err.name === 'AbortError')
      return new SourceError('timeout', `the Docker Engine did not answer within ${ctx.timeoutMs} ms`);
    return new SourceError('unreachable', `the Docker Engine is unreachable${err.code ? ` (${err.code})` : ''}`);
  }
}
