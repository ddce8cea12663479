import { markFailedEvent } from '../../../schemas/workflow';
import { markEnrolmentFailed } from '../../domain/workflow/mark-enrolment-failed';
import { systemClock } from '../../ports/clock';
import { logger } from '../../shared/logger';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), clock: systemClock };

export const handler = workflowTask(markFailedEvent, async (event) => {
  const result = await markEnrolmentFailed(event, deps);
  logger.warn('Follow-up run failed', {
    enrollmentId: event.enrollmentId,
    error: event.error,
    cause: event.cause,
    ...result,
  });
  return result;
});
