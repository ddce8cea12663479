import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createLocalDynamoDbClient, ensureTable } from '../../lib/local/ensure-table';

/** Creates a table of its own (same layout as the stack's) in the run's DynamoDB Local, so test files never share data. */
export const createTestTable = async (): Promise<{ client: DynamoDBClient; tableName: string }> => {
  const client = createLocalDynamoDbClient(inject('dynamoEndpoint'));
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName };
};

/** Every item of a test table, read with a Scan: only tests may look at the whole table this way. */
export const scanTable = async (tableName: string): Promise<Record<string, unknown>[]> => {
  const client = DynamoDBDocumentClient.from(createLocalDynamoDbClient(inject('dynamoEndpoint')));
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};
