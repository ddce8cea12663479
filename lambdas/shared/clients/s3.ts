import { S3Client } from '@aws-sdk/client-s3';
import { env } from '../env';

let client: S3Client | undefined;

/** One S3 client per container: short timeouts, three attempts with the SDK's jittered backoff. */
export const s3Client = (): S3Client => {
  client ??= new S3Client({
    region: env().AWS_REGION,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
  return client;
};
