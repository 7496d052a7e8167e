import { NotificationBody } from '@mozaic/contracts';

/** One HTTP request to a receiver. */
export interface HttpMessage {
  kind: 'http';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One mail. */
export interface MailMessage {
  kind: 'mail';
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export type OutboundMessage = HttpMessage | MailMessage;

/** What renders a notification for one receiver type, from its settings and secrets. */
export type Renderer = (
  body: NotificationBody,
  settings: Record<string, string | string[]>,
  secrets: Record<string, string>,
  nowS: number,
) => OutboundMessage;

export const json = (url: string, payload: unknown, headers: Record<string, string> = {}): HttpMessage => ({
  kind: 'http',
  url,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(payload),
});
