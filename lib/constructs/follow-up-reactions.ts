import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { followUpReactionFilters, followUpReactions } from '../../schemas/follow-up-reactions';
import type { BrokerageConfig } from '../config';
import { type AccessResources, AppFunction } from './app-function';

export interface FollowUpReactionsProps {
  readonly config: BrokerageConfig;
  /** The table whose stream is read, and the follow-up workflow the function wakes. */
  readonly resources: AccessResources & { readonly table: ITable };
  readonly alarmTopic: ITopic;
  readonly projectRoot?: string;
}

/**
 * Follow-ups react at once to what happens to a lead: a function reading the table's stream, filtered
 * at the source to lead events that end follow-ups and to follow-up messages' delivery statuses. A
 * failing batch is retried a bounded number of times, split in halves to find the bad record, and
 * what still fails goes to a queue that raises an alarm.
 */
export class FollowUpReactions extends Construct {
  readonly function: AppFunction;
  readonly failureQueue: Queue;
  readonly failureAlarm: Alarm;

  constructor(scope: Construct, id: string, props: FollowUpReactionsProps) {
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
        "A lead event or a follow-up message status could not be reacted to after its retries: a reply or opt-out may not have stopped a follow-up. Read the failure queue (it names the stream records) and stop the lead's follow-up by hand if needed.",
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

    this.function = new AppFunction(this, followUpReactions.id, {
      config: props.config,
      entry: followUpReactions.handler,
      projectRoot: props.projectRoot,
      description: followUpReactions.description,
      timeout: Duration.seconds(30),
    }).bindAccess(followUpReactions.access, props.resources);

    this.function.lambda.addEventSource(
      new DynamoEventSource(props.resources.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: followUpReactions.batchSize,
        retryAttempts: followUpReactions.retryAttempts,
        maxRecordAge: Duration.seconds(followUpReactions.maxRecordAgeSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failureQueue),
        filters: followUpReactionFilters.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    Validations.of(this.function.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams (granted with stream read) and X-Ray do not support resource-level permissions; the stream itself is read by its ARN.',
    });
  }
}
