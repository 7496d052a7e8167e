import {
  Agent as HttpAgent,
  AgentOptions as HttpAgentOptions,
  ClientRequest,
  ClientRequestArgs,
  IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, AgentOptions as HttpsAgentOptions } from 'node:https';
import { isIP, LookupFunction, Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { addressRefusal, OutboundPolicy } from './address-policy';
import { guardedLookup, OutboundRefusedError } from './guarded-lookup';

/** What the agents report to the call they serve. */
export interface AgentWatcher {
  /** A connection the policy refused. */
  refused(e: OutboundRefusedError): void;
  /** A request's error that nobody listened to: without this it would end the process. */
  stray(e: Error): void;
  /** An address about to be connected to (an IP literal, each resolved address, the socket's peer). */
  target(address: string): void;
}

type Callback = (err: Error | null, stream: Duplex) => void;
type Connect = (this: HttpAgent, options: ClientRequestArgs, cb?: Callback) => Duplex | null | undefined;

/**
 * The one place where a user's connection is opened. Every HTTP client of every provider is handed
 * an agent made here (GuardedHttpAgent, GuardedHttpsAgent), which:
 * - judges the target before connecting: an IP literal directly, a name through a lookup that judges
 *   each resolved address (so the check is on the address connected to, DNS rebinding included), a
 *   unix socket path against the allow-list; and once more on the socket's remote address;
 * - removes `Location` from 3xx answers, so that no client (node-fetch, docker-modem's own
 *   follow-redirects, the AWS SDK) can follow a redirect: the 3xx reaches the provider as an error;
 * - gives every request an error listener that hands errors nobody else listens to to the call, so
 *   an SDK's unhandled `error` event fails that account's call instead of the process.
 */
class ConnectionGuard {
  private readonly lookup: LookupFunction;

  constructor(
    private readonly policy: OutboundPolicy,
    private readonly watch: AgentWatcher,
  ) {
    this.lookup = guardedLookup(
      policy,
      (e) => watch.refused(e),
      (a) => watch.target(a),
    );
  }

  connect(agent: HttpAgent, base: Connect, options: ClientRequestArgs, cb?: Callback): Duplex | null | undefined {
    const refusal = this.judge(options);
    if (refusal) {
      process.nextTick(() => cb?.(refusal, undefined as unknown as Duplex));
      return undefined;
    }
    const socket = base.call(agent, { ...options, lookup: this.lookup } as ClientRequestArgs, cb);
    socket?.once('connect', () => {
      const remote = (socket as Socket).remoteAddress;
      if (!remote) return; // a unix socket, judged by its path
      this.watch.target(remote);
      const reason = addressRefusal(remote, this.policy);
      if (reason) socket.destroy(this.refuse(remote, reason));
    });
    return socket;
  }

  watchRequest(req: ClientRequest): void {
    req.prependListener('response', (res: IncomingMessage) => {
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400) delete res.headers.location;
    });
    req.on('error', (e: Error) => {
      if (req.listenerCount('error') === 1) this.watch.stray(e);
    });
  }

  private judge(options: ClientRequestArgs): Error | null {
    if (typeof options.socketPath === 'string') {
      return this.policy.socketAllowlist.includes(options.socketPath)
        ? null
        : this.refuse('unix socket', 'this socket path is not allowed on this server');
    }
    const host = String(options.host ?? '').replace(/^\[|\]$/g, '');
    if (!isIP(host)) return null; // a name: judged by the lookup, address by address
    this.watch.target(host);
    const reason = addressRefusal(host, this.policy);
    return reason ? this.refuse(host, reason) : null;
  }

  private refuse(target: string, reason: string): OutboundRefusedError {
    const e = new OutboundRefusedError(target, reason);
    this.watch.refused(e);
    return e;
  }
}

type AddRequest = (this: HttpAgent, req: ClientRequest, options: unknown) => void;
const addRequest = (HttpAgent.prototype as unknown as { addRequest: AddRequest }).addRequest;

class GuardedHttpAgent extends HttpAgent {
  constructor(
    private readonly guard: ConnectionGuard,
    options?: HttpAgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, cb?: Callback) {
    return this.guard.connect(this, HttpAgent.prototype.createConnection as Connect, options, cb);
  }

  addRequest(req: ClientRequest, options: unknown): void {
    this.guard.watchRequest(req);
    addRequest.call(this, req, options);
  }
}

class GuardedHttpsAgent extends HttpsAgent {
  constructor(
    private readonly guard: ConnectionGuard,
    options?: HttpsAgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, cb?: Callback) {
    return this.guard.connect(this, HttpsAgent.prototype.createConnection as Connect, options, cb);
  }

  addRequest(req: ClientRequest, options: unknown): void {
    this.guard.watchRequest(req);
    addRequest.call(this, req, options);
  }
}

/** The agents of one provider call, all under one policy and one watcher. */
export class GuardedAgents {
  private readonly made: HttpAgent[] = [];
  private readonly guard: ConnectionGuard;

  constructor(policy: OutboundPolicy, watch: AgentWatcher) {
    this.guard = new ConnectionGuard(policy, watch);
  }

  /** A plain HTTP agent (also for unix sockets). */
  http(options: HttpAgentOptions = {}): HttpAgent {
    return this.keep(new GuardedHttpAgent(this.guard, options));
  }

  /** An HTTPS agent with the account's TLS settings (CA, client certificate, server name). */
  https(tls: HttpsAgentOptions = {}): HttpsAgent {
    return this.keep(new GuardedHttpsAgent(this.guard, tls));
  }

  /** Closes every socket the call opened. */
  destroy(): void {
    for (const a of this.made) a.destroy();
  }

  private keep<A extends HttpAgent>(a: A): A {
    this.made.push(a);
    return a;
  }
}
