import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';

/** A follow-up step's message as WhatsApp (or email) reports it: the step it carried and how far it got. */
export interface StepDelivery {
  enrollmentId: string;
  stepIndex: number;
  status: 'delivered' | 'read';
}

export interface ReactToStepDeliveryDeps {
  runs: Pick<FollowUpRunRepository, 'advanceStepResult'>;
  clock: Clock;
}

/**
 * Moves a follow-up step's result on when its message is delivered or read, so analytics can tell
 * which channel reaches which kind of lead. The result only moves forward (sent → delivered →
 * read → replied): a status delivered twice or after a later one changes nothing, and false says so.
 */
export const reactToStepDelivery = (
  delivery: StepDelivery,
  deps: ReactToStepDeliveryDeps,
): Promise<boolean> =>
  deps.runs.advanceStepResult(delivery.enrollmentId, delivery.stepIndex, delivery.status, deps.clock.now());
