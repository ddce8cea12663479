import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import type { PauseLeadFollowUpDeps } from '../domain/followups/pause-lead-follow-up';
import type { ResumeLeadFollowUpDeps } from '../domain/followups/resume-lead-follow-up';
import { systemClock } from '../ports/clock';
import { env } from './env';
import { wakeScheduler } from './wake-wiring';
import { crmService } from './wiring';

let pauseDeps: PauseLeadFollowUpDeps | undefined;

/** What pausing a lead's follow-up needs: the table and the wakes (Scheduler, Step Functions). */
export const pauseLeadFollowUpDeps = (): PauseLeadFollowUpDeps => {
  const crm = crmService();
  pauseDeps ??= {
    leads: createLeadRepository(crm),
    runs: createFollowUpRunRepository(crm),
    wakes: wakeScheduler(),
    clock: systemClock,
  };
  return pauseDeps;
};

let resumeDeps: ResumeLeadFollowUpDeps | undefined;

/** What resuming needs besides: the agent's quiet and working hours, to plan the remaining steps again. */
export const resumeLeadFollowUpDeps = (): ResumeLeadFollowUpDeps => {
  const config = env();
  const crm = crmService();
  resumeDeps ??= {
    leads: createLeadRepository(crm),
    agents: createAgentRepository(crm),
    runs: createFollowUpRunRepository(crm),
    wakes: wakeScheduler(),
    clock: systemClock,
    profileDefaults: { timezone: config.DEFAULT_TIMEZONE, defaultCountry: config.DEFAULT_COUNTRY },
  };
  return resumeDeps;
};
