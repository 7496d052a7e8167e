import { isPrivateAddress, OutboundPolicy } from '../../../common/outbound/address-policy';
import { AgentWatcher, GuardedAgents } from '../../../common/outbound/guarded-agent';
import { OutboundRefusedError } from '../../../common/outbound/guarded-lookup';
import { OutboundHttp } from './outbound-http';

/**
 * Everything one provider call connects through: its guarded agents, the HTTP client over them, and
 * what they saw — a refusal of the policy, an error no SDK listened to, whether a private address
 * answered. The runner turns those into the account's error.
 */
export class OutboundCall implements AgentWatcher {
  readonly agents: GuardedAgents;
  readonly http: OutboundHttp;
  /** The first connection the policy refused, if any. */
  refusal: OutboundRefusedError | null = null;
  /** Whether any socket of this call reached a non-public address. */
  reachedPrivate = false;
  /** Rejects with the first error a request emitted that nobody listened to. */
  readonly strayError: Promise<never>;
  private rejectStray: (e: Error) => void = () => undefined;

  constructor(readonly policy: OutboundPolicy) {
    this.agents = new GuardedAgents(policy, this);
    this.http = new OutboundHttp(this.agents);
    this.strayError = new Promise<never>((_, reject) => (this.rejectStray = reject));
    this.strayError.catch(() => undefined); // observed by the runner's race; never unhandled
  }

  refused(e: OutboundRefusedError): void {
    this.refusal ??= e;
  }

  stray(e: Error): void {
    this.rejectStray(e);
  }

  target(address: string): void {
    if (isPrivateAddress(address)) this.reachedPrivate = true;
  }

  close(): void {
    this.agents.destroy();
  }
}
