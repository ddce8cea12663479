import { followUpExecutionInput } from '../../../schemas/workflow';
import { planNextStep } from '../../domain/workflow/plan-next-step';
import { followUpClock } from '../../shared/follow-up-clock';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), clock: followUpClock() };

export const handler = workflowTask(followUpExecutionInput, ({ enrollmentId }) =>
  planNextStep(enrollmentId, deps),
);
