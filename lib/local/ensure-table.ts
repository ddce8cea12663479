import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableLayout } from '../../schemas/table';

const activeTimeoutMs = 60_000;

/** A client for DynamoDB Local: fixed dummy credentials, and timeouts short enough to fail fast. */
export const createLocalDynamoDbClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
  });

/**
 * Creates the single table from `tableLayout` (the same layout the CDK stack deploys) unless it
 * exists, waits until it and its indexes are ACTIVE, and makes sure TTL and the stream are on. Safe
 * to call on every start; a table from before the stream gets it on its next start.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  if (!(await describeTable(client, tableName))) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      // Another process created it between our describe and create: the outcome is the same.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await waitUntilActive(client, tableName);
  await ensureTimeToLive(client, tableName);
  await ensureStream(client, tableName);
};

const streamSpecification = { StreamEnabled: true, StreamViewType: tableLayout.streamViewType };

const ensureStream = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const table = await describeTable(client, tableName);
  if (table?.StreamSpecification?.StreamEnabled) return;
  await client.send(
    new UpdateTableCommand({ TableName: tableName, StreamSpecification: streamSpecification }),
  );
  await waitUntilActive(client, tableName);
};

/** The table's stream, as the follow-up reactions read it. */
export const tableStreamArn = async (client: DynamoDBClient, tableName: string): Promise<string> => {
  const arn = (await describeTable(client, tableName))?.LatestStreamArn;
  if (!arn) throw new Error(`Table ${tableName} has no stream`);
  return arn;
};

const createTableInput = (tableName: string) => {
  const keyAttributes = [
    tableLayout.partitionKey,
    tableLayout.sortKey,
    ...tableLayout.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    StreamSpecification: streamSpecification,
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: tableLayout.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: tableLayout.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: tableLayout.globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
};

const describeTable = async (
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> => {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const isActive = (table: TableDescription | undefined): boolean =>
  table?.TableStatus === 'ACTIVE' &&
  (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');

const waitUntilActive = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const deadline = Date.now() + activeTimeoutMs;
  for (;;) {
    const table = await describeTable(client, tableName);
    if (isActive(table)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Table ${tableName} is still ${table?.TableStatus ?? 'missing'} after ${activeTimeoutMs / 1000} s`,
      );
    }
    await sleep(200);
  }
};

const ensureTimeToLive = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableLayout.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // Another process enabled it between our describe and update: the outcome is the same.
    const alreadyEnabled =
      error instanceof DynamoDBServiceException && /already enabled/i.test(error.message);
    if (!alreadyEnabled) throw error;
  }
};
