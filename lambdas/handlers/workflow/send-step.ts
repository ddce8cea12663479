import { sendStepEvent } from '../../../schemas/workflow';
import { sendStep } from '../../domain/workflow/send-step';
import { sendStepDeps } from '../../shared/send-step-wiring';
import { workflowTask } from '../../shared/workflow/workflow-task';

const deps = sendStepDeps();

export const handler = workflowTask(sendStepEvent, (event) => sendStep(event, deps));
