import type { SendStepEvent, SendStepResult } from '../../../schemas/workflow';
import { type RunDueStepDeps, runDueStep } from '../followups/run-due-step';

export type SendStepDeps = RunDueStepDeps;

/**
 * Runs a due step at most once: every rule is checked again at send time (see `runDueStep`), and the
 * step is claimed by a conditional write that succeeds once, and only while the run is running, so a
 * schedule firing twice, a retried task or a wake racing a stop never sends it twice or after the stop.
 */
export const sendStep = (event: SendStepEvent, deps: SendStepDeps): Promise<SendStepResult> =>
  runDueStep(event, deps);
