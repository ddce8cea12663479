import type { FinishEnrolmentEvent } from '../../../schemas/workflow';
import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';

export interface FinishEnrolmentDeps {
  runs: Pick<FollowUpRunRepository, 'stop' | 'finish' | 'get'>;
  clock: Clock;
}

/**
 * Records how an enrolment's run ended: stopped with its reason when a stop woke it, otherwise
 * finished. A run stopped earlier keeps its first reason.
 */
export const finishEnrolment = async (
  event: FinishEnrolmentEvent,
  deps: FinishEnrolmentDeps,
): Promise<{ status: string; stopReason?: string }> => {
  const now = deps.clock.now();
  if (event.wake?.reason === 'stop') await deps.runs.stop(event.enrollmentId, event.wake.stopReason, now);
  await deps.runs.finish(event.enrollmentId, now);
  const run = await deps.runs.get(event.enrollmentId);
  return { status: run?.status ?? 'finished', ...(run?.stopReason && { stopReason: run.stopReason }) };
};
