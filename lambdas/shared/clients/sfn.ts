import { SFNClient } from '@aws-sdk/client-sfn';
import { env } from '../env';

let client: SFNClient | undefined;

/** One Step Functions client per container: short timeouts, bounded retries (the SDK adds jitter). */
export const sfnClient = (): SFNClient => {
  const config = env();
  client ??= new SFNClient({
    region: config.AWS_REGION,
    endpoint: config.SFN_ENDPOINT,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
  });
  return client;
};
