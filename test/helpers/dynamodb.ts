import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createLocalDynamoDbClient, ensureTable } from '../../lib/local/ensure-table';

/** Creates a table of its own (same layout as the stack's) in the run's DynamoDB Local, so test files never share data. */
export const createTestTable = async (): Promise<{ client: DynamoDBClient; tableName: string }> => {
  const client = createLocalDynamoDbClient(inject('dynamoEndpoint'));
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName };
};
