import type { FollowUpExecutionInput } from '../../schemas/workflow';

/** `already_started`: an execution of that name exists, so asking twice starts one. */
export type StartExecutionResult = 'started' | 'already_started';

/** Starts follow-up workflow executions, one per enrolment, named after it. */
export interface FollowUpExecutions {
  start(name: string, input: FollowUpExecutionInput): Promise<StartExecutionResult>;
}
