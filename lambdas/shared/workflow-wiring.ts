import { createFollowUpRunRepository } from '../adapters/dynamodb/follow-up-run-repository';
import type { FollowUpRunRepository } from '../ports/follow-up-runs';
import { crmService } from './wiring';

let runs: FollowUpRunRepository | undefined;

/** The engine records of follow-up runs, in the table. */
export const followUpRuns = (): FollowUpRunRepository => {
  runs ??= createFollowUpRunRepository(crmService());
  return runs;
};
