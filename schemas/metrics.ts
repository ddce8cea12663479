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
  /** A new contact from WhatsApp or Facebook found no active agent of the stack's brokerage (answered 503, Meta redelivers). */
  'NoAgentToRoute',
  /** A new lead from WhatsApp or Facebook could not be enrolled in its follow-up (the lead itself is kept). */
  'FollowUpAutoEnrolFailed',
  /** A follow-up step went out (or created its call task); dimension `channel`: the channel really used. */
  'FollowUpStepSent',
  /** A follow-up step did not go out by rule; dimension `reason` (replied, opted_out, quiet hours never count). */
  'FollowUpStepSkipped',
  /** A follow-up step failed on its channel; dimension `reason` (undeliverable, channel_error, …). */
  'FollowUpStepFailed',
] as const;

export type BusinessMetricName = (typeof businessMetricNames)[number];
