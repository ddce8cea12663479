import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { readActivityChange } from '../../adapters/dynamodb/activity-stream-record';
import { recordActivity } from '../../domain/activity/record-activity';
import { notifyHotReply } from '../../domain/notifications/notify-hot-reply';
import { activityDeps } from '../../shared/activity-wiring';
import { logger } from '../../shared/logger';

const deps = activityDeps();

/**
 * The table's stream, filtered to what agents' feeds and analytics count: each record in order, its
 * feed entries and counters written once however often it is delivered; a hot lead's reply is pushed
 * to the agent's phones the first time. On a failure the batch is retried from that record.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const change = readActivityChange(record);
      try {
        const recorded = await recordActivity(
          record.eventID ?? record.dynamodb?.SequenceNumber ?? '',
          change,
          deps,
        );
        if (change.kind === 'reply' && recorded.result === 'written' && recorded.lead) {
          // A push that fails is logged, not retried: the feed and counters are already written.
          await notifyHotReply(recorded.lead, change.channel, deps).catch((error: unknown) =>
            logger.warn('Push for a hot reply failed', { error, leadId: recorded.lead?.leadId }),
          );
        }
        logger.debug('Activity recorded', {
          kind: change.kind,
          result: recorded.result,
          eventId: record.eventID,
        });
      } catch (error) {
        logger.error('Recording activity failed; the batch is retried from this record', {
          error,
          eventId: record.eventID,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  });
