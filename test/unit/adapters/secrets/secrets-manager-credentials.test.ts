import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSecretsManagerCredentials } from '../../../../lambdas/adapters/secrets/secrets-manager-credentials';

const secrets = mockClient(SecretsManagerClient);
let n = 0;
/** Each test reads its own secret: the Powertools cache is per secret name. */
const arn = () => `arn:aws:secretsmanager:us-east-1:123456789012:secret:whatsapp-${n++}`;

beforeEach(() => {
  secrets.reset();
});

describe('createSecretsManagerCredentials', () => {
  it('reads the JSON secret once and serves repeats from the cache', async () => {
    const secretArn = arn();
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        appSecret: 'meta-app-secret',
        verifyToken: 'generated-verify-token',
        accessToken: 'EAAG-test-token',
        phoneNumberId: '100000000000201',
        pageId: '100000000000301',
      }),
    });
    const source = createSecretsManagerCredentials({ secretArn, maxAgeSeconds: 300 });

    const first = await source.get();
    const second = await source.get();

    expect(first).toEqual({
      appSecret: 'meta-app-secret',
      verifyToken: 'generated-verify-token',
      accessToken: 'EAAG-test-token',
      phoneNumberId: '100000000000201',
      pageId: '100000000000301',
    });
    expect(second).toEqual(first);
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: secretArn });
  });

  it("treats Meta's values the operator has not pasted in yet as not configured", async () => {
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        appSecret: '',
        verifyToken: 'generated',
        accessToken: '',
        phoneNumberId: '',
        pageId: '',
      }),
    });

    const credentials = await createSecretsManagerCredentials({ secretArn: arn() }).get();

    expect(credentials).toEqual({ appSecret: '', verifyToken: 'generated' });
  });

  it('reads the Page access token the operator pasted beside the WhatsApp token, and leaves it out when absent', async () => {
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        appSecret: 'meta-app-secret',
        verifyToken: 'generated',
        accessToken: 'EAAG-whatsapp-token',
        pageId: '100000000000301',
        pageAccessToken: 'EAAG-page-token',
      }),
    });
    const withPageToken = await createSecretsManagerCredentials({ secretArn: arn() }).get();
    secrets.reset();
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        appSecret: 'meta-app-secret',
        verifyToken: 'generated',
        accessToken: 'x',
      }),
    });
    const withoutPageToken = await createSecretsManagerCredentials({ secretArn: arn() }).get();

    expect(withPageToken).toMatchObject({
      accessToken: 'EAAG-whatsapp-token',
      pageAccessToken: 'EAAG-page-token',
    });
    expect(withoutPageToken).not.toHaveProperty('pageAccessToken');
  });

  it('fails naming the field, never its value, when the secret has the wrong shape', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ appSecret: 12345 }) });

    const failure = createSecretsManagerCredentials({ secretArn: arn() }).get();

    await expect(failure).rejects.toThrow('appSecret');
    await expect(failure).rejects.not.toThrow('12345');
  });
});
