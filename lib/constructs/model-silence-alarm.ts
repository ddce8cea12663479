import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { metricsNamespace, metricsServiceName } from '../../schemas/metrics';
import { modelFallbackReasons } from '../../schemas/model-fallback';

export interface ModelSilenceAlarmProps {
  readonly alarmTopic: ITopic;
  /** @default one hour */
  readonly window?: Duration;
}

/**
 * Fires when the Bedrock model has not answered once in a whole window while the rules answered in its
 * place: the brokerage's AI is off (access denied, model retired, profile required…), and every score
 * and draft quietly comes from the rules. A quiet window (nothing scored) is not an alarm.
 */
export class ModelSilenceAlarm extends Construct {
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: ModelSilenceAlarmProps) {
    super(scope, id);
    const period = props.window ?? Duration.hours(1);
    const count = (metricName: string, dimensionsMap: Record<string, string>) =>
      new Metric({ namespace: metricsNamespace, metricName, dimensionsMap, period, statistic: 'Sum' });

    // Each reason is its own metric (the `reason` dimension): the fallbacks are their sum, every gap a zero.
    const fallbacks = Object.fromEntries(
      modelFallbackReasons.map((reason, n) => [
        `fallback${n}`,
        count('ModelFallback', { service: metricsServiceName, reason }),
      ]),
    );
    const fallbackSum = Object.keys(fallbacks)
      .map((name) => `FILL(${name}, 0)`)
      .join(' + ');

    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription:
        "The Bedrock model has not answered for an hour while the rules answered in its place: scores and drafts come from the rules only. The ModelFallback metric's reason says why: not_authorized (the functions' role lacks a Region the profile routes to), no_model_access (the model's Marketplace subscription or model access in the Bedrock console), model_unavailable (retired or Legacy: choose a current model), profile_required (use a us./eu./apac./global. profile id), throttled, timeout.",
      metric: new MathExpression({
        expression: `IF((${fallbackSum}) > 0 AND FILL(answered, 0) == 0, 1, 0)`,
        usingMetrics: { ...fallbacks, answered: count('ModelAnswered', { service: metricsServiceName }) },
        period,
        label: 'Model silent while falling back',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data at all is a quiet night, not a broken model.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
