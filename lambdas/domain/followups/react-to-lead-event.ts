import { type FollowUpRunRepository, wentOut } from '../../ports/follow-up-runs';
import type { LeadEvent } from '../../ports/lead-events';
import { type StopFollowUpDeps, stopFollowUp } from '../workflow/stop-follow-up';
import { isReplyTo } from './replies-count-from';

export interface ReactToLeadEventDeps extends StopFollowUpDeps {
  runs: Pick<FollowUpRunRepository, 'listForLead' | 'stop' | 'get' | 'advanceStepResult'>;
}

export interface LeadEventReaction {
  /** The runs this event stopped (or, delivered again, stopped again: the wake is repeated). */
  stopped: string[];
  /** The run whose latest step became `replied`, if one did. */
  replied?: { enrollmentId: string; stepIndex: number };
}

/** Why a run stops on this event; undefined: it does not stop follow-ups (an opt-in, an open outcome). */
export const stopReasonFor = (event: Pick<LeadEvent, 'type' | 'data'>): string | undefined => {
  if (event.type === 'lead.replied') return 'replied';
  if (event.type === 'lead.opted_out') return 'opted_out';
  const result = event.data?.result;
  if (event.type === 'lead.outcome_recorded' && (result === 'converted' || result === 'lost'))
    return 'closed';
  return undefined;
};

/**
 * Reacts at once to what happened to a lead (a reply, an opt-out, a closed outcome):
 * 1. only runs enrolled before the event count: a late or replayed record never stops a later
 *    enrolment; and a message is a reply only once the run's first answer (if it opens with one)
 *    went out, so a new lead writing twice in a row still gets that answer;
 * 2. each one running or paused is stopped with the reason: marked, its schedule deleted, its
 *    execution woken to finish; one already stopped for this reason is woken again (the first
 *    delivery of the record may have failed part-way);
 * 3. a reply moves the newest such run's latest step sent before it on to `replied`.
 * Every write is conditional, so a record delivered twice or out of order changes nothing more.
 */
export const reactToLeadEvent = async (
  event: LeadEvent,
  deps: ReactToLeadEventDeps,
): Promise<LeadEventReaction> => {
  const reason = stopReasonFor(event);
  if (!reason) return { stopped: [] };
  const runs = (await deps.runs.listForLead(event.leadId)).filter(
    (run) =>
      run.enrolment.enrolledAt <= event.occurredAt &&
      (event.type !== 'lead.replied' || isReplyTo(run, event.occurredAt)),
  );

  const stopped: string[] = [];
  for (const run of runs) {
    const stoppable =
      run.status === 'running' ||
      run.status === 'paused' ||
      (run.status === 'stopped' && run.stopReason === reason);
    if (!stoppable) continue;
    await stopFollowUp(run.enrollmentId, reason, deps);
    stopped.push(run.enrollmentId);
  }
  if (event.type !== 'lead.replied') return { stopped };

  const newest = runs[0];
  const step = newest?.results
    .filter((result) => wentOut(result.status) && result.ranAt <= event.occurredAt)
    .at(-1);
  if (!newest || !step) return { stopped };
  await deps.runs.advanceStepResult(newest.enrollmentId, step.stepIndex, 'replied', deps.clock.now());
  return { stopped, replied: { enrollmentId: newest.enrollmentId, stepIndex: step.stepIndex } };
};
