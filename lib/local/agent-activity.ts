import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { activityConsumer, activityStreamFilters } from '../../schemas/activity';
import { lambdaContext } from './lambda-context';
import { type StreamPoller, startStreamPoller } from './stream-poller';

export interface LocalAgentActivityOptions {
  dynamoDb: DynamoDBClient;
  /** DynamoDB Local's address. */
  endpoint: string;
  tableName: string;
  /** Repository root: the handler is loaded from it. */
  rootDir: string;
  everyMs?: number;
  log?: (line: string) => void;
}

type StreamFunction = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/**
 * The stack's agent activity consumer on a laptop (sync feeds, analytics counters, push of hot
 * replies): the same handler, fed the table's stream through the same filters, batch size and
 * retries as its event source mapping, by the local stream poller.
 */
export const startLocalAgentActivity = async (options: LocalAgentActivityOptions): Promise<StreamPoller> => {
  const url = pathToFileURL(resolve(options.rootDir, activityConsumer.handler)).href;
  const { handler } = (await import(url)) as { handler: StreamFunction };
  return startStreamPoller({
    dynamoDb: options.dynamoDb,
    endpoint: options.endpoint,
    tableName: options.tableName,
    consumer: activityConsumer.id,
    filters: activityStreamFilters,
    batchSize: activityConsumer.batchSize,
    retryAttempts: activityConsumer.retryAttempts,
    everyMs: options.everyMs,
    log: options.log,
    handler: (event) => handler(event, lambdaContext(activityConsumer.id, randomUUID(), 30_000)),
  });
};
