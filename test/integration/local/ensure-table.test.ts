import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTable } from '../../../lib/local/ensure-table';
import { tableLayout } from '../../../schemas/table';
import { createTestTable } from '../../helpers/dynamodb';

const { client, tableName } = await createTestTable();

describe('ensureTable', () => {
  it('creates the table with the stack layout: string pk/sk, every GSI projecting ALL, on demand', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(new Set(Table?.AttributeDefinitions?.map((a) => a.AttributeType))).toEqual(new Set(['S']));
    const indexes = (Table?.GlobalSecondaryIndexes ?? [])
      .map((index) => ({
        indexName: index.IndexName,
        partitionKey: index.KeySchema?.[0]?.AttributeName,
        sortKey: index.KeySchema?.[1]?.AttributeName,
        projection: index.Projection?.ProjectionType,
        status: index.IndexStatus,
      }))
      .sort((a, b) => String(a.indexName).localeCompare(String(b.indexName)));
    expect(indexes).toEqual(
      tableLayout.globalIndexes.map((index) => ({ ...index, projection: 'ALL', status: 'ACTIVE' })),
    );
  });

  it('turns on TTL for the expiresAt attribute', async () => {
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: tableName }),
    );

    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('leaves an existing table and its data as they are', async () => {
    const key = { pk: { S: 'agent#1' }, sk: { S: 'profile' } };
    await client.send(new PutItemCommand({ TableName: tableName, Item: { ...key, name: { S: 'Avery' } } }));
    const before = await client.send(new DescribeTableCommand({ TableName: tableName }));

    await ensureTable(client, tableName);

    const after = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key }));
    expect(after.Table?.CreationDateTime).toEqual(before.Table?.CreationDateTime);
    expect(Item?.name).toEqual({ S: 'Avery' });
  });

  it('creates the table once when several processes ensure it at the same time', async () => {
    const racedName = `${tableName}-raced`;

    await Promise.all([
      ensureTable(client, racedName),
      ensureTable(client, racedName),
      ensureTable(client, racedName),
    ]);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: racedName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });
});
