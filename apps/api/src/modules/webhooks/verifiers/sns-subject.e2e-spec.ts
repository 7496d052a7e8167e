import { makeSigningIdentity, MapCertFetcher, signSns, TEST_CERT_URL } from '../../../test/support/sns-signer';
import { SnsMessage } from '@mozaic/sources';
import { SnsVerifier } from './sns-verifier.service';

type SnsFields = Omit<SnsMessage, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>;

/** The signing certificate must be issued for sns.amazonaws.com itself, not a name that merely contains it. */
describe('SNS certificate subject', () => {
  const message = (key: string) => {
    const fields: SnsFields = {
      Type: 'Notification',
      MessageId: '7b1b5a0e-0000-4000-8000-000000000001',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms',
      Message: '{}',
      Timestamp: new Date().toISOString(),
    };
    return signSns(fields, key);
  };

  it.each([
    ['/CN=sns.amazonaws.com', true],
    ['/CN=sns.amazonaws.com.evil.example', false],
    ['/CN=evil-sns.amazonaws.com', false],
  ])('%s is accepted: %s', async (subject, accepted) => {
    const id = makeSigningIdentity(subject);
    const verifier = new SnsVerifier(new MapCertFetcher({ [TEST_CERT_URL]: id.cert }), {});
    const outcome = verifier.verify(message(id.key));
    if (accepted) await expect(outcome).resolves.toBeUndefined();
    else await expect(outcome).rejects.toThrow(/not issued for SNS/);
  });
});
