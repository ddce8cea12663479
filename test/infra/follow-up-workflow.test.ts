import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaServiceErrors } from '../../lib/constructs/follow-up-definition';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { followUpStates } from '../../schemas/workflow';
import { buildBrokerageStack } from './brokerage-app';
import { actionsOf, asArray, resourcesOfType, statementsOfRole } from './template-json';

interface TaskJson {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Parameters?: Record<string, unknown>;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Next?: string;
}

/** The definition with every token left as `<token>`: enough to read its structure. */
const definitionOf = (template: Template): { StartAt: string; States: Record<string, TaskJson> } => {
  const [machine] = Object.values(resourcesOfType(template, 'AWS::StepFunctions::StateMachine'));
  if (!machine) throw new Error('no state machine');
  const join = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return JSON.parse(join[1].map((part) => (typeof part === 'string' ? part : '<token>')).join(''));
};

describe('FollowUpWorkflow', () => {
  let stack: BrokerageStack;
  let template: Template;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    template = Template.fromStack(stack);
  });

  it('is a Standard state machine that logs ALL to its own log group and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [
          {
            CloudWatchLogsLogGroup: {
              LogGroupArn: { 'Fn::GetAtt': [logicalId(stack.followUps.logGroup), 'Arn'] },
            },
          },
        ],
      },
    });
  });

  it('bounds every task with a timeout, retries Lambda service errors and catches the rest into the failed state', () => {
    const { States } = definitionOf(template);
    const tasks = Object.entries(States).filter(([, state]) => state.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual(
      [
        followUpStates.plan,
        followUpStates.wait,
        followUpStates.send,
        followUpStates.finish,
        followUpStates.markFailed,
      ].sort(),
    );
    for (const [name, state] of tasks) {
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeDefined();
      expect(state.Retry?.[0]?.ErrorEquals, name).toEqual(lambdaServiceErrors);
      const catchTarget =
        name === followUpStates.markFailed ? followUpStates.failed : followUpStates.markFailed;
      // A wait that times out (a long pause, a lost wake) plans again; everything else marks the run failed.
      const timedOut =
        name === followUpStates.wait
          ? [expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: followUpStates.plan })]
          : [];
      expect(state.Catch, name).toEqual([
        ...timedOut,
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: catchTarget }),
      ]);
    }
    expect(States[followUpStates.failed]?.Type).toBe('Fail');
  });

  it('asks why a wait ended: a stop finishes, a pause or resume plans again, a due step is sent', () => {
    const choice = definitionOf(template).States[followUpStates.whyWoken] as unknown as {
      Choices: { Variable: string; StringEquals: string; Next: string }[];
      Default: string;
    };
    expect(choice.Choices.map(({ StringEquals, Next }) => [StringEquals, Next])).toEqual([
      ['stop', followUpStates.finish],
      ['replan', followUpStates.plan],
    ]);
    expect(choice.Default).toBe(followUpStates.send);
  });

  it('waits with a .waitForTaskToken invoke whose payload carries the task token', () => {
    const wait = definitionOf(template).States[followUpStates.wait];
    expect(wait?.Resource).toBe('arn:<token>:states:::lambda:invoke.waitForTaskToken');
    expect(wait?.Parameters?.Payload).toMatchObject({ 'taskToken.$': '$$.Task.Token' });
    expect(wait?.TimeoutSeconds).toBeGreaterThan(21 * 24 * 3600);
    expect(wait?.TimeoutSeconds).toBeLessThan(2 ** 31 / 1000);
  });

  it('lets Scheduler only send task success to this state machine and dead-letter to its queue', () => {
    const roleId = logicalId(stack.followUps.schedulerRole);
    const statements = statementsOfRole(template, roleId);
    expect(actionsOf(statements).sort()).toEqual(['sqs:SendMessage', 'states:SendTaskSuccess']);
    const resourceOf = (action: string) =>
      statements.find((statement) => asArray(statement.Action).includes(action))?.Resource;
    expect(resourceOf('states:SendTaskSuccess')).toEqual({ Ref: logicalId(stack.followUps.stateMachine) });
    expect(resourceOf('sqs:SendMessage')).toEqual({
      'Fn::GetAtt': [logicalId(stack.followUps.deadLetterQueue), 'Arn'],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
  });

  it('gives the wait function the schedule group, the role to pass and the queue, with matching grants', () => {
    const fn = stack.followUps.appFunctions.get('waitUntilDue');
    if (!fn) throw new Error('no wait function');
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    const lambda = resourcesOfType(template, 'AWS::Lambda::Function')[logicalId(fn.lambda)];
    if (!lambda) throw new Error('no wait function resource');
    expect((lambda.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject(
      {
        SCHEDULE_GROUP_NAME: stack.resolve(stack.followUps.scheduleGroup.scheduleGroupName),
        SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [logicalId(stack.followUps.schedulerRole), 'Arn'] },
        WAKE_DEAD_LETTER_QUEUE_ARN: { 'Fn::GetAtt': [logicalId(stack.followUps.deadLetterQueue), 'Arn'] },
      },
    );
    const actions = actionsOf(statementsOfRole(template, logicalId(fn.role)));
    expect(actions).toEqual(
      expect.arrayContaining([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'iam:PassRole',
        'states:SendTaskSuccess',
      ]),
    );
    expect(actions.filter((action) => action.startsWith('scheduler:'))).toHaveLength(2);
  });

  it('keeps the dead-letter queue encrypted and TLS-only, with an alarm to the alarm topic', () => {
    const queueId = logicalId(stack.followUps.deadLetterQueue);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: logicalId(stack.alarmTopic) }],
    });
  });
});
