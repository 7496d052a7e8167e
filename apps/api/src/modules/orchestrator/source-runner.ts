import { Inject, Injectable } from '@nestjs/common';
import { AccountConfig, ServiceType } from '@mozaic/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboundHttp } from './outbound/outbound-http';
import { checkOutboundUrl } from './outbound/url-policy';
import { SOURCE_PROVIDERS, SourceContext, SourceProvider } from './source-provider.interface';
import { SourceError } from './source-error';

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
 * outbound URL policy, the shared HTTP client) and aborts everything still open when time is up.
 * It knows no vendor; the providers know no database.
 */
@Injectable()
export class SourceRunner {
  private readonly byType: Map<ServiceType, SourceProvider>;

  constructor(
    @Inject(SOURCE_PROVIDERS) providers: SourceProvider[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: OutboundHttp,
  ) {
    this.byType = new Map(providers.map((p) => [p.type, p]));
  }

  async run<T>(target: SourceTarget, call: (p: SourceProvider, ctx: SourceContext) => Promise<T>): Promise<T> {
    const provider = this.byType.get(target.type);
    if (!provider) throw new SourceError('invalid', `no provider for ${target.type}`);
    const { requestTimeoutMs, deadlineMs, blockPrivateAddresses } = this.config.sources;
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
      http: this.http,
      // Once per URL and call: providers check their base URL before every request.
      checkUrl: (url) => {
        let checked = checkedUrls.get(url);
        if (!checked) checkedUrls.set(url, (checked = checkOutboundUrl(url, { blockPrivate: blockPrivateAddresses })));
        return checked;
      },
    };
    try {
      return await Promise.race([
        call(provider, ctx),
        new Promise<never>((_, reject) =>
          deadline.signal.addEventListener('abort', () =>
            reject(new SourceError('timeout', `no answer within the ${deadlineMs} ms deadline`)),
          ),
        ),
      ]);
    } finally {
      clearTimeout(timer);
      deadline.abort();
    }
  }
}
