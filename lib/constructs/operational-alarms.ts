import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmRule,
  ComparisonOperator,
  CompositeAlarm,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { type BusinessMetricName, metricsNamespace, metricsServiceName } from '../../schemas/metrics';

export interface OperationalAlarmsProps {
  readonly alarmTopic: ITopic;
  readonly httpApi: HttpApi;
  /** The stage's JSON access logs: public routes' 4xx and 429 are counted from them. */
  readonly accessLogs: ILogGroup;
  /** Route keys (`POST /webhooks/whatsapp`) callable without a token. */
  readonly publicRouteKeys: readonly string[];
  readonly tableName: string;
  readonly globalIndexNames: readonly string[];
  /** Every function of the stack: their errors and throttles page as one alarm. */
  readonly functions: readonly LambdaFunction[];
}

const FIVE_MINUTES = Duration.minutes(5);
/** CloudWatch's hard limit of metrics in one metric-math alarm. */
export const MAX_METRICS_PER_ALARM = 10;
/** Errors and throttles of this many functions fill one metric-math alarm. */
const FUNCTIONS_PER_GROUP = MAX_METRICS_PER_ALARM / 2;

const businessMetric = (metricName: BusinessMetricName, period = FIVE_MINUTES) =>
  new Metric({
    namespace: metricsNamespace,
    metricName,
    dimensionsMap: { service: metricsServiceName },
    period,
    statistic: 'Sum',
  });

/** `FILL(m0,0) + FILL(m1,0) + …`: a period with no datapoint of one metric still sums the others. */
const sumOf = (metrics: IMetric[], label: string, period = FIVE_MINUTES) =>
  new MathExpression({
    expression: metrics.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
    usingMetrics: Object.fromEntries(metrics.map((metric, i) => [`m${i}`, metric])),
    label,
    period,
  });

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The alarms that tell a brokerage's operator something is wrong and what, each to the alarm topic:
 * real 5xx (deliberate 503s left out), 503s that last, Meta signature rejections, 4xx and 429 bursts on
 * public routes, Lambda errors and throttles across every function (one alarm), DynamoDB throttling.
 * Treat-missing-data is chosen per alarm: a count with no datapoint is a period where nothing happened.
 */
export class OperationalAlarms extends Construct {
  readonly serverErrors: Alarm;
  readonly retryLaterLasting: Alarm;
  readonly signatureRejections: Alarm;
  readonly publicRouteClientErrors: Alarm;
  readonly functionFaults: CompositeAlarm;
  /** The metric-math alarms the composite reads; they notify nobody themselves. */
  readonly functionFaultGroups: Alarm[];
  readonly tableThrottles: Alarm;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    const notify = new SnsAction(props.alarmTopic);

    // API Gateway counts every 5xx, including the 503s our handlers answer on purpose with Retry-After
    // (webhook intake not configured, no agent, Meta throttling); they are counted as RetryLaterAnswered.
    this.serverErrors = new Alarm(this, 'ApiServerErrors', {
      alarmDescription:
        'The API answered a 5xx that was not a deliberate 503: a handler bug, a crash or timeout, or a failing dependency (client input never causes a 5xx). The function logs name it.',
      metric: new MathExpression({
        expression: 'serverErrors - FILL(retryLater, 0)',
        usingMetrics: {
          serverErrors: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          retryLater: businessMetric('RetryLaterAnswered'),
        },
        label: 'Unplanned 5xx',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No request in five minutes: API Gateway publishes nothing, and nothing failed.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.retryLaterLasting = new Alarm(this, 'RetryLaterLasting', {
      alarmDescription:
        'The API has been answering 503 "retry later" for 30 minutes (not configured, no agent, WhatsApp throttling or down): the RetryLaterAnswered metric\'s reason dimension says which.',
      metric: businessMetric('RetryLaterAnswered'),
      threshold: 1,
      evaluationPeriods: 6,
      datapointsToAlarm: 6,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // A quiet period breaks the streak: only 503s in every five minutes for half an hour page.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.signatureRejections = new Alarm(this, 'WebhookSignatureRejected', {
      alarmDescription:
        "Meta webhooks are refused with 401 because X-Hub-Signature-256 does not match: the appSecret in the stack's Meta secret is not the Meta app's (App settings > Basic). Every delivery is refused until it is fixed; Meta retries for up to 7 days.",
      metric: businessMetric('WebhookSignatureRejected', Duration.minutes(15)),
      // Meta retries a refused delivery within minutes, so one real message is several rejections; a
      // stray unsigned probe is one.
      threshold: 3,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const publicClientErrors = new MetricFilter(this, 'PublicRouteClientErrorsFilter', {
      logGroup: props.accessLogs,
      filterPattern: FilterPattern.all(
        FilterPattern.any(
          ...props.publicRouteKeys.map((routeKey) => FilterPattern.stringValue('$.routeKey', '=', routeKey)),
        ),
        FilterPattern.stringValue('$.status', '=', '4*'),
      ),
      // A namespace of the stack's own: metric filters carry no dimension to tell brokerages apart.
      metricNamespace: `${metricsNamespace}/${Stack.of(this).stackName}`,
      metricName: 'PublicRouteClientErrors',
      metricValue: '1',
    });
    this.publicRouteClientErrors = new Alarm(this, 'PublicRouteClientErrors', {
      alarmDescription:
        'A burst of 4xx on the public routes (webhooks, unsubscribe): 401s from a wrong app secret or a probe, 400s from a payload change at Meta, 429s when the public-route throttle is hit. The access logs (routeKey, status) say which.',
      metric: publicClientErrors.metric({ period: FIVE_MINUTES, statistic: 'Sum' }),
      // Meta answers are 200; a few stray 4xx from scanners are normal on a public URL, twenty in five minutes are not.
      threshold: 20,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // The filter publishes only on a match: no datapoint is no 4xx.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // CloudWatch caps a metric-math alarm at 10 metrics, so every function cannot fit one expression:
    // groups of five (errors + throttles) feed one composite alarm, the only one that notifies.
    this.functionFaultGroups = chunks(props.functions, FUNCTIONS_PER_GROUP).map(
      (group, index) =>
        new Alarm(this, `FunctionFaults${index + 1}`, {
          alarmDescription: `Errors and throttles of ${group.length} of the stack's functions (group ${index + 1}); read by the FunctionFaults composite alarm.`,
          metric: sumOf(
            group.flatMap((fn) => [
              fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
              fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
            ]),
            'Errors + throttles',
          ),
          // A workflow task failing on purpose so Step Functions retries it (Meta throttling) is one error;
          // a single failure of an API function already pages as a 5xx, of a workflow as its dead letter.
          threshold: 5,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          // FILL(…, 0) leaves no gap; a period without invocations is a period without faults.
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    this.functionFaults = new CompositeAlarm(this, 'FunctionFaults', {
      alarmDescription:
        "Lambda errors or throttles across the stack's functions: five or more in five minutes within one group (a bad deploy, a failing dependency, the account's concurrency exhausted). The FunctionFaults<n> alarm in ALARM names the group; the functions' logs the failure.",
      alarmRule: AlarmRule.anyOf(...this.functionFaultGroups),
    });
    this.functionFaults.addAlarmAction(notify);

    const tableMetric = (metricName: string, index?: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: {
          TableName: props.tableName,
          ...(index !== undefined && { GlobalSecondaryIndexName: index }),
        },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      });
    this.tableThrottles = new Alarm(this, 'TableThrottles', {
      alarmDescription:
        "DynamoDB throttled the table's reads or writes, or an index's writes (which throttle the table's): on-demand capacity doubling faster than DynamoDB adapts, or a hot partition. The SDK retries a few; this many keep users waiting.",
      metric: sumOf(
        [
          tableMetric('ReadThrottleEvents'),
          tableMetric('WriteThrottleEvents'),
          ...props.globalIndexNames.map((index) => tableMetric('WriteThrottleEvents', index)),
        ],
        'Throttle events',
      ),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    for (const alarm of [
      this.serverErrors,
      this.retryLaterLasting,
      this.signatureRejections,
      this.publicRouteClientErrors,
      this.tableThrottles,
    ]) {
      alarm.addAlarmAction(notify);
    }
  }
}
