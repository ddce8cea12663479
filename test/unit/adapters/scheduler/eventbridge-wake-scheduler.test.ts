import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createEventBridgeWakeScheduler,
  sendTaskSuccessTarget,
} from '../../../../lambdas/adapters/scheduler/eventbridge-wake-scheduler';

const scheduler = mockClient(SchedulerClient);
const sfn = mockClient(SFNClient);
const metadata = { httpStatusCode: 400, requestId: 'b1f6c0de-0000-4000-8000-000000000001' };

const wakes = () =>
  createEventBridgeWakeScheduler({
    scheduler: new SchedulerClient({ region: 'us-east-1' }),
    sfn: new SFNClient({ region: 'us-east-1' }),
    groupName: 'LeadCrmacme-FollowUps-Wakes',
    roleArn: 'arn:aws:iam::123456789012:role/LeadCrm-acme-SchedulerRole',
    deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:LeadCrm-acme-WakeDeadLetters',
  });

const request = {
  name: '01JEXAMPLEENROLMENT0000000-1',
  // 14:30 UTC is 09:30 in New York in December.
  at: new Date('2026-12-03T14:30:00.000Z'),
  timeZone: 'America/New_York',
  taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAAQ-example-token',
  output: { reason: 'due' as const, stepIndex: 1 },
};

beforeEach(() => {
  scheduler.reset();
  sfn.reset();
});

describe('createEventBridgeWakeScheduler', () => {
  it('creates a one-time schedule in the lead zone whose target sends the token back to Step Functions', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .resolves({ ScheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/g/n' });

    await expect(wakes().scheduleWake(request)).resolves.toBe('scheduled');

    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: '01JEXAMPLEENROLMENT0000000-1',
      GroupName: 'LeadCrmacme-FollowUps-Wakes',
      ScheduleExpression: 'at(2026-12-03T09:30:00)',
      ScheduleExpressionTimezone: 'America/New_York',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: sendTaskSuccessTarget,
        RoleArn: 'arn:aws:iam::123456789012:role/LeadCrm-acme-SchedulerRole',
        Input: JSON.stringify({
          TaskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAAQ-example-token',
          Output: JSON.stringify({ reason: 'due', stepIndex: 1 }),
        }),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:LeadCrm-acme-WakeDeadLetters' },
      },
    });
    expect(sendTaskSuccessTarget).toBe('arn:aws:scheduler:::aws-sdk:sfn:sendTaskSuccess');
  });

  it('schedules in UTC when the local time happens twice as daylight saving ends', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    // 2026-11-01 01:30 happens twice in New York; this is the second one (EST, UTC-5).
    await wakes().scheduleWake({ ...request, at: new Date('2026-11-01T06:30:00Z') });

    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      ScheduleExpression: 'at(2026-11-01T06:30:00)',
      ScheduleExpressionTimezone: 'UTC',
    });
  });

  it('treats a schedule that already exists under the step name as already scheduled', async () => {
    scheduler.on(CreateScheduleCommand).rejects(
      new ConflictException({
        Message: 'Schedule 01JEXAMPLEENROLMENT0000000-1 already exists.',
        message: 'Schedule 01JEXAMPLEENROLMENT0000000-1 already exists.',
        $metadata: { ...metadata, httpStatusCode: 409 },
      }),
    );

    await expect(wakes().scheduleWake(request)).resolves.toBe('already_scheduled');
  });

  it('lets any other Scheduler error through', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await expect(wakes().scheduleWake(request)).rejects.toThrow('Rate exceeded');
  });

  it('deletes the schedule from the group, and counts one that is gone as cancelled already', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejectsOnce(
        new ResourceNotFoundException({
          Message: 'Schedule 01JEXAMPLEENROLMENT0000000-1 does not exist.',
          message: 'Schedule 01JEXAMPLEENROLMENT0000000-1 does not exist.',
          $metadata: { ...metadata, httpStatusCode: 404 },
        }),
      );

    await expect(wakes().cancelWake('01JEXAMPLEENROLMENT0000000-1')).resolves.toBe('cancelled');
    await expect(wakes().cancelWake('01JEXAMPLEENROLMENT0000000-1')).resolves.toBe('not_found');
    expect(scheduler).toHaveReceivedCommandWith(DeleteScheduleCommand, {
      Name: '01JEXAMPLEENROLMENT0000000-1',
      GroupName: 'LeadCrmacme-FollowUps-Wakes',
    });
  });

  it('wakes at once with SendTaskSuccess carrying the output as JSON', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});

    await expect(wakes().wakeNow('token-1', { reason: 'stop', stopReason: 'lead replied' })).resolves.toBe(
      'woken',
    );
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, {
      taskToken: 'token-1',
      output: '{"reason":"stop","stopReason":"lead replied"}',
    });
  });

  it.each([
    new TaskTimedOut({ message: 'Task Timed Out: arn:aws:states:...', $metadata: metadata }),
    new InvalidToken({ message: 'Invalid Token', $metadata: metadata }),
    new TaskDoesNotExist({ message: 'Task does not exist', $metadata: metadata }),
  ])('reports $name as a stale token instead of failing', async (error) => {
    sfn.on(SendTaskSuccessCommand).rejects(error);

    await expect(wakes().wakeNow('token-1', { reason: 'due', stepIndex: 0 })).resolves.toBe('stale_token');
  });
});
