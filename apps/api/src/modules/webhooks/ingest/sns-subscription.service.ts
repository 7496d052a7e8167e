import { Injectable } from '@nestjs/common';
import { isSnsHostUrl } from '@mozaic/sources';

/** Visits an SNS SubscribeURL. Swappable, so tests can see the visit without AWS. */
export abstract class SnsSubscriptionConfirmer {
  abstract confirm(url: string): Promise<void>;
}

@Injectable()
export class HttpsSnsSubscriptionConfirmer extends SnsSubscriptionConfirmer {
  async confirm(url: string): Promise<void> {
    if (!isSnsHostUrl(url, false)) throw new Error('SubscribeURL is not an SNS URL');
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
    if (res.status !== 200) throw new Error(`SubscribeURL answered ${res.status}`);
  }
}
