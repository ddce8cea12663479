/** The local follow-up engine's names, fixed so that functions can be told them before it starts. */
export const localStateMachine = 'follow-up';
export const localScheduleGroup = 'follow-ups';
export const localStateMachineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${localStateMachine}`;
export const localSchedulerRoleArn = 'arn:aws:iam::000000000000:role/local-follow-up-scheduler';
export const localWakeDeadLetterArn = 'arn:aws:sqs:us-east-1:000000000000:local-follow-up-wake-dead-letters';

/**
 * What the follow-up functions read to reach the engine, as the stack's bindings set it in the cloud,
 * and, with a speed-up, the clock the scheduler fires on (so the send step reads the same time).
 * Known before the engine starts, so it is in the environment before any function first reads it.
 */
export const followUpEngineEnvironment = (endpointUrl: string, clockSpeed = 1): Record<string, string> => ({
  ...(clockSpeed !== 1 && { FOLLOW_UP_CLOCK_SPEED: String(clockSpeed) }),
  SCHEDULE_GROUP_NAME: localScheduleGroup,
  SCHEDULER_ROLE_ARN: localSchedulerRoleArn,
  WAKE_DEAD_LETTER_QUEUE_ARN: localWakeDeadLetterArn,
  SCHEDULER_ENDPOINT: endpointUrl,
  SFN_ENDPOINT: endpointUrl,
  FOLLOW_UP_STATE_MACHINE_ARN: localStateMachineArn,
});
