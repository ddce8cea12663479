import type { MarkFailedEvent } from '../../../schemas/workflow';
import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';

export interface MarkEnrolmentFailedDeps {
  runs: Pick<FollowUpRunRepository, 'fail'>;
  clock: Clock;
}

/** Records why a run failed, so the agent's follow-up status says so instead of waiting forever. */
export const markEnrolmentFailed = async (
  event: MarkFailedEvent,
  deps: MarkEnrolmentFailedDeps,
): Promise<{ marked: boolean }> => {
  const failure = { error: event.error, ...(event.cause && { cause: event.cause.slice(0, 1_000) }) };
  return { marked: await deps.runs.fail(event.enrollmentId, failure, deps.clock.now()) };
};
