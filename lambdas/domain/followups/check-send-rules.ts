import type { Lead } from '../../../schemas/api/leads';
import type { SequenceStep } from '../../../schemas/api/sequences';
import type { ConsentRegistry } from '../../ports/consent-registry';
import type { LeadEventLog } from '../../ports/lead-events';
import { consentFor, contactPointsOf } from '../consent/consent-for';
import { optedOutOfWhatsApp } from '../consent/opted-out-of-whatsapp';
import { mayAnswerAtOnce } from './first-answer';
import type { FollowUpTiming } from './follow-up-context';
import { isInQuietHours, nextAllowedSendTime } from './next-allowed-send-time';

/** Scheduler fires within a minute of the time asked; a wake earlier than this waits again. */
export const EARLY_WAKE_TOLERANCE_MS = 60_000;

export type SendVerdict =
  | { kind: 'go'; repliedSinceEnrolment: false }
  /** Not now: move the step to `until` and wait again (nothing claimed). */
  | { kind: 'wait'; until: Date; why: 'quiet_hours' | 'early_wake' }
  /** The step does not go out; `stopRun` ends the whole run with that reason. */
  | { kind: 'skip'; reason: 'replied' | 'closed' | 'opted_out'; stopRun?: string };

export interface SendRuleInput {
  lead: Lead;
  step: SequenceStep;
  /** From when a message from the lead is a reply that ends the run (`repliesCountFrom`); undefined: none yet. */
  repliesFrom: string | undefined;
  /** When the step is due now, as its run records it (after any earlier move). */
  dueAt: Date;
  timing: FollowUpTiming;
  now: Date;
}

export interface SendRuleDeps {
  consents: Pick<ConsentRegistry, 'find'>;
  events: Pick<LeadEventLog, 'since'>;
}

/** The lead wrote to us, on any channel, after `from`. */
export const repliedSince = async (lead: Lead, from: string, deps: SendRuleDeps): Promise<boolean> => {
  if (lead.lastInboundAt !== undefined && lead.lastInboundAt > from) return true;
  const events = await deps.events.since(lead.leadId, from);
  return events.some((event) => event.type === 'lead.replied');
};

const optedOut = async (lead: Lead, step: SequenceStep, deps: SendRuleDeps): Promise<boolean> => {
  if (step.channel === 'whatsapp') return optedOutOfWhatsApp(lead, deps);
  if (step.channel !== 'email') return false;
  if (lead.consent?.email === 'opted_out') return true;
  const { email } = await consentFor(lead.brokerageId, contactPointsOf(lead), deps);
  return email?.state === 'opted_out';
};

/**
 * The rules a step is held to at the moment it would go out, whatever was planned:
 * 1. the lead replied since enrolment (since the first answer, for a run that opens with one) → the
 *    run stops (`replied`);
 * 2. the lead converted or was lost → the run stops (`closed`);
 * 3. opted out of the step's channel → skipped (`opted_out`); a WhatsApp STOP also stops the run;
 * 4. a message inside quiet hours in the lead's zone (a first answer within its 10 minutes excepted)
 *    waits for the minute they end; a wake that came early waits for the step's time.
 */
export const checkSendRules = async (input: SendRuleInput, deps: SendRuleDeps): Promise<SendVerdict> => {
  const { lead, step, timing, now } = input;
  if (input.repliesFrom !== undefined && (await repliedSince(lead, input.repliesFrom, deps))) {
    return { kind: 'skip', reason: 'replied', stopRun: 'replied' };
  }
  if (lead.outcome !== undefined || lead.status === 'converted' || lead.status === 'lost') {
    return { kind: 'skip', reason: 'closed', stopRun: 'closed' };
  }
  if (await optedOut(lead, step, deps)) {
    return {
      kind: 'skip',
      reason: 'opted_out',
      ...(step.channel === 'whatsapp' && { stopRun: 'opted_out' }),
    };
  }
  if (input.dueAt.getTime() - now.getTime() > EARLY_WAKE_TOLERANCE_MS) {
    return { kind: 'wait', until: input.dueAt, why: 'early_wake' };
  }
  if (step.channel !== 'call') {
    const answersAtOnce =
      step.channel === 'whatsapp' && step.firstAnswer === true && mayAnswerAtOnce(timing.lastInboundAt, now);
    const rule = { quietHours: timing.quietHours, timeZone: timing.leadTimeZone };
    if (!answersAtOnce && isInQuietHours(now, rule)) {
      return { kind: 'wait', until: nextAllowedSendTime(now, rule), why: 'quiet_hours' };
    }
  }
  return { kind: 'go', repliedSinceEnrolment: false };
};
