import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { env } from '../env';

let client: SchedulerClient | undefined;

/** One EventBridge Scheduler client per container: short timeouts, bounded retries (the SDK adds jitter). */
export const schedulerClient = (): SchedulerClient => {
  const config = env();
  client ??= new SchedulerClient({
    region: config.AWS_REGION,
    endpoint: config.SCHEDULER_ENDPOINT,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
  });
  return client;
};
