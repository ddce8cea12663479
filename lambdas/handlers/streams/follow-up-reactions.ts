import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { readFollowUpChange } from '../../adapters/dynamodb/follow-up-stream-record';
import { reactToLeadEvent } from '../../domain/followups/react-to-lead-event';
import { reactToStepDelivery } from '../../domain/followups/react-to-step-delivery';
import { followUpReactionDeps } from '../../shared/follow-up-reaction-wiring';
import { logger } from '../../shared/logger';

const deps = followUpReactionDeps();

/**
 * The table's stream, filtered to what follow-ups react to: each record in order; on a failure the
 * batch is retried from that record (the records before it are done and not repeated).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const change = readFollowUpChange(record);
      try {
        if (change.kind === 'leadEvent') {
          const reaction = await reactToLeadEvent(change.event, deps);
          logger.info('Lead event reacted to', {
            eventId: change.event.eventId,
            type: change.event.type,
            reaction,
          });
        } else if (change.kind === 'stepDelivery') {
          const moved = await reactToStepDelivery(change.delivery, deps);
          logger.info('Follow-up step delivery', { ...change.delivery, moved });
        } else {
          logger.debug('Stream record skipped', { why: change.why, eventId: record.eventID });
        }
      } catch (error) {
        logger.error('Follow-up reaction failed; the batch is retried from this record', {
          error,
          eventId: record.eventID,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  });
