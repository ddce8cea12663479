/**
 * The business metrics the functions publish (CloudWatch embedded metric format, through Powertools) and
 * the stack alarms on: named in one place so a rename cannot silence an alarm.
 */
export const metricsNamespace = 'LeadCrm';
/** Powertools adds it as the `service` dimension of every metric. */
export const metricsServiceName = 'lead-crm';

export const businessMetricNames = [
  /** A Lead Ads form could not be fetched for a reason a retry will not fix by itself (e.g. an expired token). */
  'LeadgenParked',
  /** A signed webhook was refused because the brokerage's Page id or WhatsApp number id is not configured. */
  'WebhookIntakeRefused',
  /** A new lead from WhatsApp or Facebook could not be enrolled in its follow-up (the lead itself is kept). */
  'FollowUpAutoEnrolFailed',
  /** A follow-up step went out (or created its call task); dimension `channel`: the channel really used. */
  'FollowUpStepSent',
  /** A follow-up step did not go out by rule; dimension `reason` (replied, opted_out, quiet hours never count). */
  'FollowUpStepSkipped',
  /** A follow-up step failed on its channel; dimension `reason` (undeliverable, channel_error, …). */
  'FollowUpStepFailed',
  /** The Bedrock model answered (content analysis or a draft). */
  'ModelAnswered',
  /** The rules answered instead of the model; dimension `reason`: one of schemas/model-fallback.ts. */
  'ModelFallback',
] as const;

export type BusinessMetricName = (typeof businessMetricNames)[number];
