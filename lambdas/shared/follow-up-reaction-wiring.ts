import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import type { EraseLeadFollowUpsDeps } from '../domain/followups/erase-lead-follow-ups';
import type { ReactToLeadEventDeps } from '../domain/followups/react-to-lead-event';
import { systemClock } from '../ports/clock';
import { lazyWakeScheduler, wakeScheduler } from './wake-wiring';
import { crmService } from './wiring';

let deps: ReactToLeadEventDeps | undefined;

/** What the follow-up reactions need: the engine's records and the wakes (Scheduler, Step Functions). */
export const followUpReactionDeps = (): ReactToLeadEventDeps => {
  deps ??= { runs: createFollowUpRunRepository(crmService()), wakes: wakeScheduler(), clock: systemClock };
  return deps;
};

let eraseDeps: EraseLeadFollowUpsDeps | undefined;

/** What erasing a lead's follow-ups needs: the same records and wakes. */
export const eraseLeadFollowUpsDeps = (): EraseLeadFollowUpsDeps => {
  eraseDeps ??= {
    runs: createFollowUpRunRepository(crmService()),
    wakes: lazyWakeScheduler(),
    clock: systemClock,
  };
  return eraseDeps;
};
