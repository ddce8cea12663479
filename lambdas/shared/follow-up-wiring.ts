import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import { createSequenceRepository } from '../adapters/dynamodb/sequence-repository';
import { createSfnFollowUpExecutions } from '../adapters/stepfunctions/sfn-follow-up-executions';
import type { EnrolLeadDeps } from '../domain/followups/enrol-lead';
import type { FollowUpStatusDeps } from '../domain/followups/follow-up-status';
import { systemClock } from '../ports/clock';
import { sfnClient } from './clients/sfn';
import { env, required } from './env';
import { crmService } from './wiring';

let deps: EnrolLeadDeps | undefined;

/**
 * What enrolling a lead needs, built once per container. Executions start through Step Functions;
 * locally the same adapter reaches the local runner through SFN_ENDPOINT.
 */
export const enrolLeadDeps = (): EnrolLeadDeps => {
  if (deps) return deps;
  const config = env();
  const crm = crmService();
  deps = {
    leads: createLeadRepository(crm),
    agents: createAgentRepository(crm),
    sequences: createSequenceRepository(crm),
    runs: createFollowUpRunRepository(crm),
    executions: createSfnFollowUpExecutions({
      sfn: sfnClient(),
      stateMachineArn: required('FOLLOW_UP_STATE_MACHINE_ARN'),
    }),
    clock: systemClock,
    profileDefaults: { timezone: config.DEFAULT_TIMEZONE, defaultCountry: config.DEFAULT_COUNTRY },
  };
  return deps;
};

let statusDeps: FollowUpStatusDeps | undefined;

/** What reading a lead's follow-up needs: the table only. */
export const followUpStatusDeps = (): FollowUpStatusDeps => {
  const crm = crmService();
  statusDeps ??= { leads: createLeadRepository(crm), runs: createFollowUpRunRepository(crm) };
  return statusDeps;
};
