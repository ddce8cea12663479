import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import { createEventBridgeWakeScheduler } from '../adapters/scheduler/eventbridge-wake-scheduler';
import type { FollowUpRunRepository } from '../ports/follow-up-runs';
import type { WakeScheduler } from '../ports/wake-scheduler';
import { schedulerClient } from './clients/scheduler';
import { sfnClient } from './clients/sfn';
import { required } from './env';
import { crmService } from './wiring';

let runs: FollowUpRunRepository | undefined;
let wakes: WakeScheduler | undefined;

/** The engine records of follow-up runs, in the table. */
export const followUpRuns = (): FollowUpRunRepository => {
  runs ??= createFollowUpRunRepository(crmService());
  return runs;
};

/**
 * Wakes through EventBridge Scheduler and Step Functions; locally the same adapter talks to the local
 * stand-ins through SCHEDULER_ENDPOINT and SFN_ENDPOINT.
 */
export const wakeScheduler = (): WakeScheduler => {
  wakes ??= createEventBridgeWakeScheduler({
    scheduler: schedulerClient(),
    sfn: sfnClient(),
    groupName: required('SCHEDULE_GROUP_NAME'),
    roleArn: required('SCHEDULER_ROLE_ARN'),
    deadLetterArn: required('WAKE_DEAD_LETTER_QUEUE_ARN'),
  });
  return wakes;
};
