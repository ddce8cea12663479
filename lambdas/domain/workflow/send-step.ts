import type { SendStepEvent, SendStepResult } from '../../../schemas/workflow';
import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';

export interface SendStepDeps {
  runs: Pick<FollowUpRunRepository, 'recordStepRan'>;
  clock: Clock;
}

/**
 * Runs a due step at most once: the step is claimed by a conditional write that succeeds once, and
 * only while the run is running, so a schedule firing twice, a retried task or a wake racing a stop
 * never runs it twice or after the stop.
 * The follow-up domain replaces this body: re-check at send time (replied, opted out, closed,
 * paused, quiet hours, WhatsApp window), then send on the step's channel and record the interaction.
 */
export const sendStep = async (event: SendStepEvent, deps: SendStepDeps): Promise<SendStepResult> => {
  const claimed = await deps.runs.recordStepRan(event.enrollmentId, event.stepIndex, deps.clock.now());
  const outcome = claimed === 'recorded' ? 'sent' : claimed === 'already_ran' ? 'already_sent' : 'skipped';
  return { stepIndex: event.stepIndex, outcome };
};
