import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFallbackReasons } from '../../schemas/model-fallback';
import { buildBrokerageStack } from './brokerage-app';
import { resourcesOfType } from './template-json';

interface MetricDataQuery {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> };
    Period: number;
    Stat: string;
  };
}

/**
 * Evaluates the alarm's metric math for one period the way CloudWatch does for this expression's
 * functions: FILL(m, 0) is m or 0 where m has no data point; IF(c, a, b); AND; comparisons.
 */
const evaluate = (expression: string, values: Record<string, number | undefined>): number => {
  const js = expression
    .replace(/FILL\((\w+),\s*0\)/g, (_all, id: string) => `(v[${JSON.stringify(id)}] ?? 0)`)
    .replace(/\bAND\b/g, '&&')
    .replace(/IF\(/g, 'iff(');
  return new Function('v', 'iff', `return Number(${js});`)(values, (c: boolean, a: number, b: number) =>
    c ? a : b,
  ) as number;
};

describe('the alarm on a model that stopped answering', () => {
  let alarm: { Properties: Record<string, unknown> };
  let queries: MetricDataQuery[];
  let topicRef: unknown;

  beforeAll(() => {
    const { stack } = buildBrokerageStack({ brokerage: 'acme' });
    const template = Template.fromStack(stack);
    alarm = resourcesOfType(template, 'AWS::CloudWatch::Alarm')[
      stack.getLogicalId(stack.modelSilence.alarm.node.defaultChild as never)
    ] as { Properties: Record<string, unknown> };
    queries = alarm.Properties.Metrics as MetricDataQuery[];
    topicRef = { Ref: stack.getLogicalId(stack.alarmTopic.node.defaultChild as never) };
  });

  const expression = () => queries.find((query) => query.ReturnData !== false)?.Expression ?? '';
  const idOf = (metricName: string, reason?: string) =>
    queries.find(
      (query) =>
        query.MetricStat?.Metric.MetricName === metricName &&
        (reason === undefined ||
          query.MetricStat.Metric.Dimensions.some((d) => d.Name === 'reason' && d.Value === reason)),
    )?.Id as string;

  it('adds up every fallback reason and the answers over one hour, to the alarm topic', () => {
    const counted = queries.filter((query) => query.MetricStat);

    expect(counted.map((query) => query.MetricStat?.Metric.MetricName).sort()).toEqual(
      [...modelFallbackReasons.map(() => 'ModelFallback'), 'ModelAnswered'].sort(),
    );
    expect(
      counted.every((query) => query.MetricStat?.Period === 3600 && query.MetricStat.Stat === 'Sum'),
    ).toBe(true);
    // CloudWatch takes at most 10 metrics in an alarm's math.
    expect(counted.length).toBeLessThanOrEqual(10);
    expect(alarm.Properties).toMatchObject({
      AlarmActions: [topicRef],
      TreatMissingData: 'notBreaching',
      Threshold: 1,
      EvaluationPeriods: 1,
    });
  });

  it('fires in an hour with fallbacks and no answer, whatever the reason', () => {
    for (const reason of modelFallbackReasons) {
      expect(evaluate(expression(), { [idOf('ModelFallback', reason)]: 3 })).toBe(1);
    }
  });

  it('stays quiet in an hour the model answered, even with some fallbacks', () => {
    expect(
      evaluate(expression(), { [idOf('ModelFallback', 'throttled')]: 2, [idOf('ModelAnswered')]: 40 }),
    ).toBe(0);
  });

  it('stays quiet on a night with nothing to score', () => {
    expect(evaluate(expression(), {})).toBe(0);
  });
});
