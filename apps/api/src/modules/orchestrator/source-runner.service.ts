import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountConfig, ServiceType } from '@mozaic/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboundCall } from './outbound/outbound-call';
import { checkOutboundUrl } from './outbound/url-policy';
import { SOURCE_PROVIDERS, SourceContext, SourceProvider } from './source-provider.interface';
import { describeSourceError, SourceError } from './source-error';

/** An account as a provider call needs it (credentials already decrypted). */
export interface SourceTarget {
  accountId: string;
  projectId: string;
  type: ServiceType;
  credentials: Record<string, string | undefined>;
  config: AccountConfig;
}

/**
 * Runs one provider call for one account under a deadline: builds its context (timeouts, the
 * outbound policy with the agents every connection goes through) and aborts everything still open
 * when time is up. An error an SDK emitted with nobody listening fails the call, not the process.
 * It knows no vendor; the providers know no database.
 */
@Injectable()
export class SourceRunner {
  private readonly byType: Map<ServiceType, SourceProvider>;
  private readonly log = new Logger(SourceRunner.name);

  constructor(
    @Inject(SOURCE_PROVIDERS) providers: SourceProvider[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.byType = new Map(providers.map((p) => [p.type, p]));
  }

  async run<T>(target: SourceTarget, call: (p: SourceProvider, ctx: SourceContext) => Promise<T>): Promise<T> {
    const provider = this.byType.get(target.type);
    if (!provider) throw new SourceError('invalid', `no provider for ${target.type}`);
    const { requestTimeoutMs, deadlineMs, blockPrivateAddresses, dockerSocketAllowlist } = this.config.sources;
    const policy = { blockPrivate: blockPrivateAddresses, socketAllowlist: dockerSocketAllowlist };
    const net = new OutboundCall(policy);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const checkedUrls = new Map<string, Promise<URL>>();
    const ctx: SourceContext = {
      accountId: target.accountId,
      projectId: target.projectId,
      credentials: target.credentials,
      config: target.config,
      signal: deadline.signal,
      timeoutMs: requestTimeoutMs,
      http: net.http,
      agents: net.agents,
      // Once per URL and call: providers check their base URL before every request.
      checkUrl: (url) => {
        let checked = checkedUrls.get(url);
        if (!checked) checkedUrls.set(url, (checked = checkOutboundUrl(url, policy)));
        return checked;
      },
    };
    try {
      return await Promise.race([
        call(provider, ctx),
        net.strayError,
        new Promise<never>((_, reject) =>
          deadline.signal.addEventListener('abort', () =>
            reject(new SourceError('timeout', `no answer within the ${deadlineMs} ms deadline`)),
          ),
        ),
      ]);
    } catch (e) {
      // Whatever the SDK made of it, a connection the policy refused is reported as that refusal.
      if (net.refusal) throw new SourceError('invalid', net.refusal.message);
      const error = e instanceof SourceError ? e : new SourceError('unreachable', describeSourceError(e));
      if (!net.reachedPrivate || this.config.sources.privateErrors === 'detailed') throw error;
      // A private address: the same answer whatever listens there (a database, a web server, nothing),
      // so connection tests cannot map the server's network. The operator's log has the detail.
      this.log.warn(`${target.type} account ${target.accountId}: ${describeSourceError(error)}`);
      throw new SourceError(
        error.kind === 'timeout' ? 'timeout' : 'unreachable',
        `no working ${target.type} API answered at this private address (details are in the server log)`,
      );
    } finally {
      clearTimeout(timer);
      deadline.abort();
      net.close();
    }
  }
}
