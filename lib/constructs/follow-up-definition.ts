import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  type IChainable,
  IntegrationPattern,
  JitterType,
  JsonPath,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { waitTaskTimeoutSeconds } from '../../lambdas/domain/workflow/wait-timeout';
import { followUpStates, type followUpTasks } from '../../schemas/workflow';

export type FollowUpTaskFunctions = Record<keyof typeof followUpTasks, IFunction>;

/** What Lambda itself answers when it could not run the function: worth retrying, unlike a handler error. */
export const lambdaServiceErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/** A Lambda task's own budget: the functions time out well before it. */
const taskTimeout = Timeout.duration(Duration.seconds(60));

/**
 * The follow-up loop: plan the next step, wait (a task token held by a one-time schedule) until it
 * is due or something wakes it, send it, and plan again; finish when nothing is left or a stop woke
 * it. A pause or resume wakes it to plan again; a paused run waits on a long check-back instead.
 * Every task retries Lambda's own errors with jittered backoff and sends anything else to
 * `Mark the enrolment failed`.
 */
export const followUpDefinition = (scope: Construct, functions: FollowUpTaskFunctions): IChainable => {
  const failed = new Fail(scope, followUpStates.failed, {
    error: 'FollowUpFailed',
    cause: 'A step of the follow-up sequence failed; the enrolment is marked failed',
  });

  const lambdaTask = (id: string, props: LambdaInvokeProps) => {
    const task = new LambdaInvoke(scope, id, { retryOnServiceExceptions: false, ...props });
    task.addRetry({
      errors: lambdaServiceErrors,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 4,
      jitterStrategy: JitterType.FULL,
    });
    return task;
  };

  const enrollmentId = JsonPath.stringAt('$.enrollmentId');

  const markFailed = lambdaTask(followUpStates.markFailed, {
    lambdaFunction: functions.markEnrolmentFailed,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({
      enrollmentId,
      error: JsonPath.stringAt('$.failure.Error'),
      cause: JsonPath.stringAt('$.failure.Cause'),
    }),
    resultPath: JsonPath.DISCARD,
    taskTimeout,
  });
  markFailed.addCatch(failed, { errors: [Errors.ALL], resultPath: '$.markFailure' });
  markFailed.next(failed);

  const withCatch = (task: LambdaInvoke) =>
    task.addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.failure' });

  const plan = withCatch(
    lambdaTask(followUpStates.plan, {
      lambdaFunction: functions.planNextStep,
      payloadResponseOnly: true,
      payload: TaskInput.fromObject({ enrollmentId }),
      resultPath: '$.plan',
      taskTimeout,
    }),
  );

  const waitTask = lambdaTask(followUpStates.wait, {
    lambdaFunction: functions.waitUntilDue,
    integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: TaskInput.fromObject({
      taskToken: JsonPath.taskToken,
      enrollmentId,
      stepIndex: JsonPath.numberAt('$.plan.step.stepIndex'),
      dueAt: JsonPath.stringAt('$.plan.step.dueAt'),
      timeZone: JsonPath.stringAt('$.plan.step.timeZone'),
      wake: JsonPath.stringAt('$.plan.step.wake'),
    }),
    resultPath: '$.wake',
    // The longest wait plus a margin: a wake that never comes is planned again instead of hanging the run.
    taskTimeout: Timeout.duration(Duration.seconds(waitTaskTimeoutSeconds)),
  });
  // A timed-out wait plans again: a paused run holds its wait without a schedule, and a lost wake of a
  // running one finds its step overdue and sends it. First, so the catch-all below does not take it.
  waitTask.addCatch(plan, { errors: [Errors.TIMEOUT], resultPath: '$.timedOut' });
  const wait = withCatch(waitTask);

  const send = withCatch(
    lambdaTask(followUpStates.send, {
      lambdaFunction: functions.sendStep,
      payloadResponseOnly: true,
      payload: TaskInput.fromObject({ enrollmentId, stepIndex: JsonPath.numberAt('$.plan.step.stepIndex') }),
      resultPath: '$.sent',
      taskTimeout,
    }),
  );

  // The whole state goes in: a stop wake at `$.wake` tells it why the run ended early.
  const finish = withCatch(
    lambdaTask(followUpStates.finish, {
      lambdaFunction: functions.finishEnrolment,
      payloadResponseOnly: true,
      resultPath: '$.finished',
      taskTimeout,
    }),
  );

  // A stop finishes; a pause, a resume or a paused run's check-back plans again; a due step is sent.
  const whyWoken = new Choice(scope, followUpStates.whyWoken)
    .when(Condition.stringEquals('$.wake.reason', 'stop'), finish)
    .when(Condition.stringEquals('$.wake.reason', 'replan'), plan)
    .otherwise(send);
  send.next(plan);

  const anythingLeft = new Choice(scope, followUpStates.anythingLeft)
    .when(Condition.booleanEquals('$.plan.done', true), finish)
    .otherwise(wait.next(whyWoken));

  return plan.next(anythingLeft);
};
