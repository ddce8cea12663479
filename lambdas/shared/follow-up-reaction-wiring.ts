import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import type { ReactToLeadEventDeps } from '../domain/followups/react-to-lead-event';
import { systemClock } from '../ports/clock';
import { wakeScheduler } from './wake-wiring';
import { crmService } from './wiring';

let deps: ReactToLeadEventDeps | undefined;

/** What the follow-up reactions need: the engine's records and the wakes (Scheduler, Step Functions). */
export const followUpReactionDeps = (): ReactToLeadEventDeps => {
  deps ??= { runs: createFollowUpRunRepository(crmService()), wakes: wakeScheduler(), clock: systemClock };
  return deps;
};
