import { SNSClient } from '@aws-sdk/client-sns';
import { env } from '../env';

let client: SNSClient | undefined;

/** One SNS client per container: a short timeout per attempt, three attempts with the SDK's jittered backoff. */
export const snsClient = (): SNSClient => {
  client ??= new SNSClient({
    region: env().AWS_REGION,
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
  });
  return client;
};
