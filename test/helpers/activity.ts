import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { inject } from 'vitest';
import { createLocalDynamoDbClient } from '../../lib/local/ensure-table';
import { lambdaContext } from '../../lib/local/lambda-context';
import { type StreamPoller, startStreamPoller } from '../../lib/local/stream-poller';
import { activityConsumer, activityStreamFilters } from '../../schemas/activity';

type StreamFunction = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/**
 * The activity consumer on a test table, fed by the local stream poller as `npm start` feeds it.
 * `consumer` names the poller's checkpoint: a new name reads the whole stream again (a redelivery).
 * The handler reads its environment once per process: call after TABLE_NAME and the endpoint are set.
 */
export const startTestActivity = async (
  tableName: string,
  consumer = 'test-activity',
): Promise<StreamPoller> => {
  process.env.SANDBOX_DIR ??= mkdtempSync(join(tmpdir(), 'lead-crm-push-'));
  const { handler } = (await import('../../lambdas/handlers/streams/record-activity')) as unknown as {
    handler: StreamFunction;
  };
  const endpoint = inject('dynamoEndpoint');
  return startStreamPoller({
    dynamoDb: createLocalDynamoDbClient(endpoint),
    endpoint,
    tableName,
    consumer,
    filters: activityStreamFilters,
    batchSize: activityConsumer.batchSize,
    retryAttempts: activityConsumer.retryAttempts,
    everyMs: 50,
    handler: (event) => handler(event, lambdaContext(activityConsumer.id, randomUUID(), 30_000)),
  });
};
