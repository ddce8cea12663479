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
  /**
   * Meta's delivery was answered 503 to be retried later; dimension `reason`: `page_id_missing` or
   * `phone_number_id_missing` (the brokerage's ids are not configured), `no_agent` (nobody to route to).
   */
  'WebhookIntakeRefused',
  /** A webhook's X-Hub-Signature-256 was missing or wrong (a wrong app secret refuses every delivery); dimension `channel`. */
  'WebhookSignatureRejected',
  /** An agent's WhatsApp send was refused; dimension `reason` (opted_out, window_closed, rate_limited, …). */
  'WhatsAppSendRefused',
  /**
   * The API answered a deliberate 503 with Retry-After (not configured yet, a channel throttling or down);
   * dimension `reason`: the refusal's name. The 5xx alarm subtracts these, so only unplanned 5xx page.
   */
  'RetryLaterAnswered',
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
