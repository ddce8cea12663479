import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  LogLevel,
  QueryLanguage,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { followUpTasks, type WorkflowTaskDefinition } from '../../schemas/workflow';
import type { BrokerageConfig } from '../config';
import { type AccessResources, AppFunction } from './app-function';
import { type FollowUpTaskFunctions, followUpDefinition } from './follow-up-definition';

export interface FollowUpWorkflowProps {
  readonly config: BrokerageConfig;
  /** What the task functions' declared access binds to. */
  readonly resources: AccessResources;
  /** Where the dead-letter alarm goes. */
  readonly alarmTopic: ITopic;
  /** Where handler entries are resolved; the repository root unless a test points it at a fixture tree. */
  readonly projectRoot?: string;
  /**
   * Renders the workflow around existing functions instead of creating its own: the local runner
   * renders the definition this way, so nothing is bundled.
   */
  readonly taskFunctions?: (task: WorkflowTaskDefinition) => IFunction;
}

/**
 * Follow-up sequences, one Standard execution per enrolment: the state machine (logging ALL to its
 * own log group, X-Ray tracing), its task functions, the schedule group that holds each wait's
 * one-time wake, the role Scheduler wakes executions with (it may only send task success to this
 * state machine and dead-letter to this queue), and the dead-letter queue with its alarm.
 */
export class FollowUpWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerRole: Role;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly logGroup: LogGroup;
  /** The task functions by task key; `AppFunction`s unless `taskFunctions` supplied them. */
  readonly functions: ReadonlyMap<keyof typeof followUpTasks, IFunction>;
  readonly appFunctions: ReadonlyMap<keyof typeof followUpTasks, AppFunction>;

  constructor(scope: Construct, id: string, props: FollowUpWorkflowProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'WakeDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deadLetterAlarm = new Alarm(this, 'WakeDeadLettersAlarm', {
      alarmDescription:
        'A follow-up wake could not be delivered after its retries: an enrolment waits until its wait times out. Read the dead-letter queue.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.deadLetterAlarm.addAlarmAction(new SnsAction(props.alarmTopic));

    this.scheduleGroup = new ScheduleGroup(this, 'Wakes', { removalPolicy: RemovalPolicy.DESTROY });
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      // Only schedules of this account may assume it (no confused deputy).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler wakes follow-up executions: task success to one state machine only',
    });

    const appFunctions = new Map<keyof typeof followUpTasks, AppFunction>();
    const functions = new Map<keyof typeof followUpTasks, IFunction>();
    for (const [key, task] of Object.entries(followUpTasks) as [
      keyof typeof followUpTasks,
      WorkflowTaskDefinition,
    ][]) {
      if (props.taskFunctions) {
        functions.set(key, props.taskFunctions(task));
        continue;
      }
      const fn = new AppFunction(this, task.id, {
        config: props.config,
        entry: task.handler,
        projectRoot: props.projectRoot,
        description: task.description,
        timeout: Duration.seconds(20),
      }).bindAccess(task.access, props.resources);
      if (task.schedulesWakes) {
        fn.bindWakeScheduling({
          scheduleGroup: this.scheduleGroup,
          schedulerRole: this.schedulerRole,
          deadLetterQueue: this.deadLetterQueue,
        });
      }
      appFunctions.set(key, fn);
      functions.set(key, fn.lambda);
    }
    this.functions = functions;
    this.appFunctions = appFunctions;

    this.logGroup = new LogGroup(this, 'ExecutionLogs', { retention: props.config.logRetentionDays });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSON_PATH,
      comment: 'Follow-up sequence of one enrolment: plan, wait until due, send, repeat',
      definitionBody: DefinitionBody.fromChainable(
        followUpDefinition(this, Object.fromEntries(functions) as FollowUpTaskFunctions),
      ),
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the wake schedules' dead-letter queue (EventBridge Scheduler's DeadLetterConfig); a dead-letter queue needs none of its own.",
    });
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing and CloudWatch Logs delivery (logs:CreateLogDelivery and friends) do not support resource-level permissions.',
      },
      ...[...appFunctions.values()].map((fn) => ({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.lambda.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason:
          'Invoking a task function by any of its versions (the grant CDK makes); the wildcard covers only that function.',
      })),
    );

    // The universal target calls SendTaskSuccess as this role; a wake it cannot deliver goes to the DLQ.
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess'],
        resources: [this.stateMachine.stateMachineArn],
      }),
    );
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );

    // The wait task wakes its own execution at once when the step is already due or the run stopped.
    appFunctions.get('waitUntilDue')?.bindTaskSuccess(this.stateMachine);
  }
}
