import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { ParkedLeadRetry } from '../../../schemas/api/parked-leads';
import { retryParkedLeadgens } from '../../domain/messaging/retry-parked-leadgens';
import { logger } from '../../shared/logger';
import { facebookIntakeDeps } from '../../shared/messaging-wiring';

const deps = facebookIntakeDeps();

/** Runs on the stack's schedule (and on an interval under `npm start`): retries the parked lead forms. */
export const handler = middy<ScheduledEvent, ParkedLeadRetry, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const report = await retryParkedLeadgens(deps);
    // Ids, counts and Meta's codes only.
    if (report.outcomes.length > 0) logger.info('Parked lead forms retried', { report });
    return report;
  });
