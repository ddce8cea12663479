import { SESv2Client } from '@aws-sdk/client-sesv2';
import { env } from '../env';

let client: SESv2Client | undefined;

/**
 * One SES v2 client per container: a short timeout per attempt and three attempts, the SDK's standard
 * retry strategy backing off with jitter on throttling, 5xx and network errors.
 */
export const sesClient = (): SESv2Client => {
  client ??= new SESv2Client({
    region: env().AWS_REGION,
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
  return client;
};
