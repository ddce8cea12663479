import { sendStepEvent } from '../../../schemas/workflow';
import { sendStep } from '../../domain/workflow/send-step';
import { systemClock } from '../../ports/clock';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), clock: systemClock };

export const handler = workflowTask(sendStepEvent, (event) => sendStep(event, deps));
