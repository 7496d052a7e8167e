import { PayloadError } from '../payload-error';
import { Json, str } from '../json/read';

export const SNS_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;
export type SnsType = (typeof SNS_TYPES)[number];

export interface SnsMessage {
  Type: SnsType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

/** The SNS JSON envelope, checked field by field (the body arrives as text/plain). */
export function parseSnsMessage(body: Json): SnsMessage {
  const type = str(body, 'Type');
  if (!SNS_TYPES.includes(type as SnsType)) throw new PayloadError(`Type must be one of ${SNS_TYPES.join(', ')}`);
  const need = (k: string) => {
    const v = str(body, k);
    if (v === undefined) throw new PayloadError(`${k} is missing from the SNS message`);
    return v;
  };
  const msg: SnsMessage = {
    Type: type as SnsType,
    MessageId: need('MessageId'),
    TopicArn: need('TopicArn'),
    Message: need('Message'),
    Timestamp: need('Timestamp'),
    SignatureVersion: need('SignatureVersion'),
    Signature: need('Signature'),
    // Lambda-style records spell it SigningCertUrl.
    SigningCertURL: str(body, 'SigningCertURL') ?? need('SigningCertUrl'),
  };
  const subject = str(body, 'Subject');
  if (subject !== undefined) msg.Subject = subject;
  if (type !== 'Notification') {
    msg.SubscribeURL = need('SubscribeURL');
    msg.Token = need('Token');
  }
  return msg;
}

/** Key/value lines in byte order of the keys, each followed by a newline, as SNS signs them. */
export function snsStringToSign(m: SnsMessage): string {
  const keys =
    m.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  let out = '';
  for (const k of keys) {
    const v = m[k];
    if (v !== undefined && v !== null) out += `${k}\n${v}\n`;
  }
  return out;
}

const CERT_HOST = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

/** Only https URLs on an SNS host (sns.<region>.amazonaws.com), never another AWS host. */
export function isSnsHostUrl(raw: string, pem: boolean): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return (
    u.protocol === 'https:' && CERT_HOST.test(u.hostname) && u.port === '' && (!pem || u.pathname.endsWith('.pem'))
  );
}
