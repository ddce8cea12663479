import { followUpExecutionInput } from '../../../schemas/workflow';
import { planNextStep } from '../../domain/workflow/plan-next-step';
import { systemClock } from '../../ports/clock';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), clock: systemClock };

export const handler = workflowTask(followUpExecutionInput, ({ enrollmentId }) =>
  planNextStep(enrollmentId, deps),
);
