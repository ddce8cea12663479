import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_METRICS_PER_ALARM } from '../../lib/constructs/operational-alarms';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { metricsNamespace, metricsServiceName } from '../../schemas/metrics';
import { routes } from '../../schemas/routes';
import { tableLayout } from '../../schemas/table';
import { buildBrokerageStack } from './brokerage-app';
import { type CfnResourceJson, resourcesOfType } from './template-json';

interface MetricQueryJson {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] };
    Period: number;
    Stat: string;
  };
}

const publicRouteKeys = routes
  .filter((route) => route.auth === 'public')
  .map((route) => `${route.method} ${route.path}`);

/**
 * The value of a metric-math expression made of `id`s, `FILL(id, 0)` and `+`/`-`, for one period's
 * values (an id absent from `values` has no datapoint).
 */
const evaluate = (expression: string, values: Record<string, number>): number | undefined => {
  let result = 0;
  for (const [, sign, term] of expression.matchAll(/([+-]?)\s*(FILL\(\w+, 0\)|\w+)/g)) {
    const filled = /^FILL\((\w+), 0\)$/.exec(term!);
    const value = filled ? (values[filled[1]!] ?? 0) : values[term!];
    if (value === undefined) return undefined;
    result += sign === '-' ? -value : value;
  }
  return result;
};

describe('operational alarms', () => {
  let stack: BrokerageStack;
  let template: Template;
  let alarms: Record<string, CfnResourceJson>;

  const logicalIdOf = (construct: IConstruct) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const alarmJson = (construct: IConstruct) => {
    const json = alarms[logicalIdOf(construct)];
    if (!json) throw new Error(`no alarm ${construct.node.path}`);
    return json.Properties;
  };
  const queriesOf = (construct: IConstruct) => alarmJson(construct).Metrics as MetricQueryJson[];
  const topic = () => ({ Ref: logicalIdOf(stack.alarmTopic) });

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    template = Template.fromStack(stack);
    alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm');
  });

  describe('the API 5xx alarm', () => {
    const serverErrorsAlarm = () => stack.operationalAlarms.serverErrors;

    it("watches the API's 5xx minus the deliberate 503s the handlers count, at one in five minutes, to the alarm topic", () => {
      const queries = queriesOf(serverErrorsAlarm());
      const byId = Object.fromEntries(queries.map((query) => [query.Id, query]));

      expect(byId.serverErrors?.MetricStat).toMatchObject({
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: '5xx',
          Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalIdOf(stack.api.httpApi) } }],
        },
        Period: 300,
        Stat: 'Sum',
      });
      expect(byId.retryLater?.MetricStat).toMatchObject({
        Metric: {
          Namespace: metricsNamespace,
          MetricName: 'RetryLaterAnswered',
          Dimensions: [{ Name: 'service', Value: metricsServiceName }],
        },
        Period: 300,
        Stat: 'Sum',
      });
      expect(alarmJson(serverErrorsAlarm())).toMatchObject({
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic()],
      });
    });

    it('stays quiet for 503s answered on purpose and fires for a real 5xx among them', () => {
      const watched = queriesOf(serverErrorsAlarm()).find((query) => query.ReturnData !== false);
      const expression = watched?.Expression ?? '';
      const breaches = (values: Record<string, number>) => (evaluate(expression, values) ?? 0) >= 1;

      // Meta retrying a webhook while the number id is unset: three 503s, each counted as RetryLaterAnswered.
      expect(breaches({ serverErrors: 3, retryLater: 3 })).toBe(false);
      // The same, plus one handler crash (a 500 nobody counted).
      expect(breaches({ serverErrors: 4, retryLater: 3 })).toBe(true);
      // A crash in a period without any deliberate 503 (no RetryLaterAnswered datapoint at all).
      expect(breaches({ serverErrors: 1 })).toBe(true);
    });
  });

  it('pages when the API has answered "retry later" in every five minutes for half an hour', () => {
    expect(alarmJson(stack.operationalAlarms.retryLaterLasting)).toMatchObject({
      Namespace: metricsNamespace,
      MetricName: 'RetryLaterAnswered',
      Dimensions: [{ Name: 'service', Value: metricsServiceName }],
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 6,
      DatapointsToAlarm: 6,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic()],
    });
  });

  it('pages on Meta signature rejections, three in fifteen minutes (Meta retries; a stray probe is one)', () => {
    expect(alarmJson(stack.operationalAlarms.signatureRejections)).toMatchObject({
      Namespace: metricsNamespace,
      MetricName: 'WebhookSignatureRejected',
      Dimensions: [{ Name: 'service', Value: metricsServiceName }],
      Statistic: 'Sum',
      Period: 900,
      Threshold: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic()],
    });
  });

  describe('public routes', () => {
    it("count their 4xx and 429 from the stage's access logs, and page on twenty in five minutes", () => {
      const [filter, ...others] = Object.values(resourcesOfType(template, 'AWS::Logs::MetricFilter'));
      expect(others).toEqual([]);
      if (!filter) throw new Error('no metric filter on the access logs');
      const pattern = String(filter.Properties.FilterPattern);
      for (const routeKey of publicRouteKeys) expect(pattern).toContain(`$.routeKey = "${routeKey}"`);
      expect(pattern).toContain('$.status = "4*"');
      expect(filter.Properties.LogGroupName).toEqual({ Ref: logicalIdOf(stack.api.accessLogs) });

      const transformation = (
        filter.Properties.MetricTransformations as { MetricNamespace: string; MetricName: string }[]
      )[0];
      expect(alarmJson(stack.operationalAlarms.publicRouteClientErrors)).toMatchObject({
        Namespace: transformation?.MetricNamespace,
        MetricName: transformation?.MetricName,
        Statistic: 'Sum',
        Period: 300,
        Threshold: 20,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic()],
      });
      expect(transformation?.MetricNamespace).toContain(stack.stackName);
    });

    it('are each throttled on their own, below the stage, and only they', () => {
      const stageJson = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage')[logicalIdOf(stack.api.stage)];
      const settings = stageJson?.Properties.RouteSettings as Record<string, Record<string, number>>;
      const { apiThrottle } = stack.config;

      expect(Object.keys(settings).sort()).toEqual([...publicRouteKeys].sort());
      for (const routeKey of publicRouteKeys) {
        expect(settings[routeKey]).toEqual({
          ThrottlingRateLimit: apiThrottle.publicRoute.rateLimit,
          ThrottlingBurstLimit: apiThrottle.publicRoute.burstLimit,
        });
        expect(settings[routeKey]!.ThrottlingRateLimit).toBeLessThan(apiThrottle.rateLimit);
      }
    });

    it('exist before the stage that names them in its route settings', () => {
      const stageJson = template.toJSON().Resources[logicalIdOf(stack.api.stage)] as { DependsOn?: string[] };
      const publicRouteIds = routes
        .filter((route) => route.auth === 'public')
        .map((route) => {
          const construct = stack.api.node.findChild(`${route.id}Route`);
          return logicalIdOf(construct);
        });
      expect(stageJson.DependsOn).toEqual(expect.arrayContaining(publicRouteIds));
    });
  });

  describe('Lambda errors and throttles', () => {
    it('page as one composite alarm to the alarm topic, its metric-math groups notifying nobody', () => {
      const composite = resourcesOfType(template, 'AWS::CloudWatch::CompositeAlarm');
      expect(Object.keys(composite)).toEqual([logicalIdOf(stack.operationalAlarms.functionFaults)]);
      const [json] = Object.values(composite);
      expect(json?.Properties.AlarmActions).toEqual([topic()]);
      for (const group of stack.operationalAlarms.functionFaultGroups) {
        expect(JSON.stringify(json?.Properties.AlarmRule)).toContain(logicalIdOf(group));
        expect(alarmJson(group).AlarmActions).toBeUndefined();
        expect(alarmJson(group)).toMatchObject({
          Threshold: 5,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    });

    it("cover every function of the stack, each function's errors and throttles once", () => {
      const watched = stack.operationalAlarms.functionFaultGroups.flatMap((group) =>
        queriesOf(group)
          .flatMap((query) => (query.MetricStat ? [query.MetricStat.Metric] : []))
          .map((metric) => `${metric.MetricName} ${JSON.stringify(metric.Dimensions?.[0]?.Value)}`),
      );
      const functions = Object.keys(resourcesOfType(template, 'AWS::Lambda::Function'));

      expect(functions.length).toBeGreaterThan(20);
      expect(watched.sort()).toEqual(
        functions.flatMap((id) => [`Errors {"Ref":"${id}"}`, `Throttles {"Ref":"${id}"}`]).sort(),
      );
    });
  });

  it("pages on DynamoDB throttling of the table's reads and writes and of each index's writes", () => {
    const tableRef = { Ref: logicalIdOf(stack.table) };
    const metrics = queriesOf(stack.operationalAlarms.tableThrottles).flatMap((query) =>
      query.MetricStat ? [query.MetricStat.Metric] : [],
    );

    expect(metrics).toEqual(
      expect.arrayContaining([
        {
          Namespace: 'AWS/DynamoDB',
          MetricName: 'ReadThrottleEvents',
          Dimensions: [{ Name: 'TableName', Value: tableRef }],
        },
        {
          Namespace: 'AWS/DynamoDB',
          MetricName: 'WriteThrottleEvents',
          Dimensions: [{ Name: 'TableName', Value: tableRef }],
        },
        ...tableLayout.globalIndexes.map((index) => ({
          Namespace: 'AWS/DynamoDB',
          MetricName: 'WriteThrottleEvents',
          Dimensions: [
            { Name: 'GlobalSecondaryIndexName', Value: index.indexName },
            { Name: 'TableName', Value: tableRef },
          ],
        })),
      ]),
    );
    expect(alarmJson(stack.operationalAlarms.tableThrottles)).toMatchObject({
      Threshold: 5,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic()],
    });
  });

  it('alarm on every queue (all dead letters) as soon as one message is visible', () => {
    const queues = Object.keys(resourcesOfType(template, 'AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThan(0);
    for (const queue of queues) {
      const watching = Object.values(alarms).filter(
        (alarm) =>
          alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(alarm.Properties.Dimensions).includes(`"${queue}"`),
      );
      expect(watching.map((alarm) => alarm.Properties)).toEqual([
        expect.objectContaining({
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [topic()],
        }),
      ]);
    }
  });

  it('stay deployable: no metric-math alarm reads more than the 10 metrics CloudWatch allows', () => {
    for (const [id, alarm] of Object.entries(alarms)) {
      const read = ((alarm.Properties.Metrics as MetricQueryJson[] | undefined) ?? []).filter(
        (query) => query.MetricStat,
      );
      expect(read.length, id).toBeLessThanOrEqual(MAX_METRICS_PER_ALARM);
    }
  });

  it('each say what to do when missing data comes, and notify only the alarm topic', () => {
    for (const [id, alarm] of Object.entries(alarms)) {
      expect(alarm.Properties.TreatMissingData, id).toBeDefined();
      for (const action of (alarm.Properties.AlarmActions as unknown[] | undefined) ?? []) {
        expect(action, id).toEqual(topic());
      }
    }
  });
});
