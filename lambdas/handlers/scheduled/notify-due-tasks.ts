import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { notifyDueTasks } from '../../domain/notifications/notify-due-tasks';
import { logger } from '../../shared/logger';
import { dueTaskDeps } from '../../shared/push-wiring';

const deps = dueTaskDeps();

/** Runs on the stack's schedule (and on an interval under `npm start`): pushes tasks that fell due. */
export const handler = middy<ScheduledEvent, { notified: number }, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const report = await notifyDueTasks(deps);
    if (report.notified > 0) logger.info('Due tasks pushed', report);
    return report;
  });
