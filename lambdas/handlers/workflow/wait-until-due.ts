import { waitUntilDueEvent } from '../../../schemas/workflow';
import { waitUntilDue } from '../../domain/workflow/wait-until-due';
import { systemClock } from '../../ports/clock';
import { wakeScheduler } from '../../shared/wake-wiring';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), wakes: wakeScheduler(), clock: systemClock };

export const handler = workflowTask(waitUntilDueEvent, async (event) => ({
  outcome: await waitUntilDue(event, deps),
}));
