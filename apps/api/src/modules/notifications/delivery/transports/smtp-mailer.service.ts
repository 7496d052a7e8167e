import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { MailMessage } from '../messages/message';
import { cutAnswer, DeliveryResult } from './delivery-result';

/**
 * Sends mail through the operator's server (SMTP_URL; an operator setting, not a user's, so the
 * outbound policy does not apply). SMTP 4xx replies and connection failures are transient, 5xx permanent.
 */
@Injectable()
export class SmtpMailer implements OnModuleDestroy {
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { smtpUrl, smtpFrom, timeoutMs } = config.notifications;
    this.from = smtpFrom;
    this.transport = smtpUrl
      ? createTransport({
          url: smtpUrl,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
        })
      : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  async send(mail: MailMessage): Promise<DeliveryResult> {
    const started = Date.now();
    const done = (r: Omit<DeliveryResult, 'durationMs'>): DeliveryResult => ({
      ...r,
      durationMs: Date.now() - started,
    });
    if (!this.transport)
      return done({ outcome: 'failed', status: null, answer: 'email is not set up on this server (SMTP_URL)' });
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      })) as { response?: string };
      return done({ outcome: 'sent', status: 250, answer: cutAnswer(info.response ?? 'accepted') });
    } catch (e) {
      const err = e as { responseCode?: number; response?: string; code?: string; message: string };
      const code = err.responseCode ?? null;
      const outcome = code !== null && code >= 500 ? 'failed' : 'retry';
      return done({
        outcome,
        status: code,
        answer: cutAnswer(err.response ?? `${err.code ?? ''} ${err.message}`.trim()),
      });
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
