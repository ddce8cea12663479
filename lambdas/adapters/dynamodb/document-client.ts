import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  region?: string;
  /** Set for DynamoDB Local; unset in the cloud. */
  endpoint?: string;
}

/** One document client per container: short timeouts and bounded retries (the SDK adds jitter). */
export const createDocumentClient = ({ region, endpoint }: DocumentClientOptions = {}) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region,
      endpoint,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
