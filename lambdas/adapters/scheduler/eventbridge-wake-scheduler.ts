import {
  ActionAfterCompletion,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WakeScheduler } from '../../ports/wake-scheduler';
import { scheduleTimeFor } from './schedule-time';

/** The universal target: Scheduler itself calls Step Functions' SendTaskSuccess with the input below. */
export const sendTaskSuccessTarget = 'arn:aws:scheduler:::aws-sdk:sfn:sendTaskSuccess';

/** What Step Functions answers for a token whose wait is over: the execution is not waiting on it. */
const staleTokenErrors = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

const errorNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

export interface EventBridgeWakeSchedulerOptions {
  scheduler: SchedulerClient;
  sfn: SFNClient;
  /** The stack's schedule group. */
  groupName: string;
  /** The role Scheduler assumes: it may only send task results to the follow-up state machine. */
  roleArn: string;
  /** Where Scheduler puts a wake it could not deliver after its retries. */
  deadLetterArn: string;
  /** @default 10 */
  maximumRetryAttempts?: number;
  /** A wake later than this is given up (and dead-lettered); @default one day */
  maximumEventAgeSeconds?: number;
}

/**
 * Wakes through EventBridge Scheduler one-time schedules whose target sends the task token back to
 * Step Functions, and through SendTaskSuccess directly when the wake is now.
 */
export const createEventBridgeWakeScheduler = (options: EventBridgeWakeSchedulerOptions): WakeScheduler => ({
  async scheduleWake({ name, at, timeZone, taskToken, output }) {
    const time = scheduleTimeFor(at, timeZone);
    try {
      await options.scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: options.groupName,
          ScheduleExpression: time.expression,
          ScheduleExpressionTimezone: time.timeZone,
          FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
          ActionAfterCompletion: ActionAfterCompletion.DELETE,
          Description: 'Wakes a follow-up workflow execution when its step is due',
          Target: {
            Arn: sendTaskSuccessTarget,
            RoleArn: options.roleArn,
            Input: JSON.stringify({ TaskToken: taskToken, Output: JSON.stringify(output) }),
            RetryPolicy: {
              MaximumRetryAttempts: options.maximumRetryAttempts ?? 10,
              MaximumEventAgeInSeconds: options.maximumEventAgeSeconds ?? 86_400,
            },
            DeadLetterConfig: { Arn: options.deadLetterArn },
          },
        }),
      );
      return 'scheduled';
    } catch (error) {
      // The name is the step's: a retried call finds its own schedule already there.
      if (errorNamed(error, 'ConflictException')) return 'already_scheduled';
      throw error;
    }
  },

  async cancelWake(name) {
    try {
      await options.scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: options.groupName }));
      return 'cancelled';
    } catch (error) {
      // Already fired (and deleted after completion) or cancelled before: the outcome is the same.
      if (errorNamed(error, 'ResourceNotFoundException')) return 'not_found';
      throw error;
    }
  },

  async wakeNow(taskToken, output) {
    try {
      await options.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return 'woken';
    } catch (error) {
      if (error instanceof Error && staleTokenErrors.has(error.name)) return 'stale_token';
      throw error;
    }
  },
});
