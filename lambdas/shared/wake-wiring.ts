import { createEventBridgeWakeScheduler } from '../adapters/scheduler/eventbridge-wake-scheduler';
import type { WakeScheduler } from '../ports/wake-scheduler';
import { schedulerClient } from './clients/scheduler';
import { sfnClient } from './clients/sfn';
import { required } from './env';

let wakes: WakeScheduler | undefined;

/**
 * Wakes through EventBridge Scheduler and Step Functions; locally the same adapter talks to the local
 * stand-ins through SCHEDULER_ENDPOINT and SFN_ENDPOINT. Only the functions that wake import this,
 * so the others do not bundle those clients.
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

/**
 * The same wakes, built on first use: for a function (erasing a lead) that wakes executions only
 * when the lead has follow-ups, so its other work never waits on the wake settings.
 */
export const lazyWakeScheduler = (): WakeScheduler => ({
  scheduleWake: (request) => wakeScheduler().scheduleWake(request),
  cancelWake: (name) => wakeScheduler().cancelWake(name),
  wakeNow: (taskToken, output) => wakeScheduler().wakeNow(taskToken, output),
});
