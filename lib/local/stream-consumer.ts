import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './lambda-context';
import { type StreamPoller, startStreamPoller } from './stream-poller';

export interface LocalStreamConsumerOptions {
  dynamoDb: DynamoDBClient;
  /** DynamoDB Local's address. */
  endpoint: string;
  tableName: string;
  /** Repository root: the handler is loaded from it. */
  rootDir: string;
  everyMs?: number;
  log?: (line: string) => void;
}

/** A stream consumer as the stack declares it: its handler and its event source mapping's settings. */
export interface StreamConsumerDefinition {
  id: string;
  handler: string;
  batchSize: number;
  retryAttempts: number;
}

type StreamFunction = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/**
 * One of the stack's table-stream consumers on a laptop: the same handler, fed the table's stream through
 * the same filters, batch size and retries as its event source mapping, by the local stream poller.
 */
export const startLocalStreamConsumer = async (
  consumer: StreamConsumerDefinition,
  filters: readonly Record<string, unknown>[],
  options: LocalStreamConsumerOptions,
): Promise<StreamPoller> => {
  const url = pathToFileURL(resolve(options.rootDir, consumer.handler)).href;
  const { handler } = (await import(url)) as { handler: StreamFunction };
  return startStreamPoller({
    dynamoDb: options.dynamoDb,
    endpoint: options.endpoint,
    tableName: options.tableName,
    consumer: consumer.id,
    filters,
    batchSize: consumer.batchSize,
    retryAttempts: consumer.retryAttempts,
    everyMs: options.everyMs,
    log: options.log,
    handler: (event) => handler(event, lambdaContext(consumer.id, randomUUID(), 30_000)),
  });
};
