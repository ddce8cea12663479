import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import type { StopLeadFollowUpDeps } from '../domain/followups/stop-lead-follow-up';
import { systemClock } from '../ports/clock';
import { wakeScheduler } from './wake-wiring';
import { crmService } from './wiring';

let deps: StopLeadFollowUpDeps | undefined;

/** What stopping a lead's follow-up needs: the table and the wakes (Scheduler, Step Functions). */
export const stopLeadFollowUpDeps = (): StopLeadFollowUpDeps => {
  const crm = crmService();
  deps ??= {
    leads: createLeadRepository(crm),
    runs: createFollowUpRunRepository(crm),
    wakes: wakeScheduler(),
    clock: systemClock,
  };
  return deps;
};
