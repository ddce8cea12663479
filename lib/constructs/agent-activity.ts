import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { activityConsumer, activityStreamFilters } from '../../schemas/activity';
import type { BrokerageConfig } from '../config';
import { type AccessResources, AppFunction } from './app-function';

export interface AgentActivityProps {
  readonly config: BrokerageConfig;
  /** The table whose stream is read (and push, when configured). */
  readonly resources: AccessResources & { readonly table: ITable };
  readonly alarmTopic: ITopic;
  readonly projectRoot?: string;
}

/**
 * Each agent's offline change feed, each brokerage's listings feed and the analytics counters, kept as
 * things happen: a function reading the table's stream, filtered at the source to leads, timeline
 * entries, tasks, listings, replies and follow-up step results. Redelivered records write nothing twice (a receipt per record). A failing
 * batch is retried a bounded number of times, split in halves, and what still fails goes to a queue
 * that raises an alarm.
 */
export class AgentActivity extends Construct {
  readonly function: AppFunction;
  readonly failureQueue: Queue;
  readonly failureAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AgentActivityProps) {
    super(scope, id);

    this.failureQueue = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the stream reader's on-failure destination (it holds the failed batches' positions); a failure destination needs no dead-letter queue of its own.",
    });
    this.failureAlarm = new Alarm(this, 'FailuresAlarm', {
      alarmDescription:
        "A change could not be recorded in an agent's sync feed or the analytics counters after its retries. Read the failure queue (it names the stream records); the app's next full load repairs its copy.",
      metric: this.failureQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failureAlarm.addAlarmAction(new SnsAction(props.alarmTopic));

    this.function = new AppFunction(this, activityConsumer.id, {
      config: props.config,
      entry: activityConsumer.handler,
      projectRoot: props.projectRoot,
      description: activityConsumer.description,
      timeout: Duration.seconds(30),
    }).bindAccess(activityConsumer.access, props.resources);

    this.function.lambda.addEventSource(
      new DynamoEventSource(props.resources.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: activityConsumer.batchSize,
        retryAttempts: activityConsumer.retryAttempts,
        maxRecordAge: Duration.seconds(activityConsumer.maxRecordAgeSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failureQueue),
        filters: activityStreamFilters.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    Validations.of(this.function.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams (granted with stream read) and X-Ray do not support resource-level permissions; the stream itself is read by its ARN.',
    });
  }
}
