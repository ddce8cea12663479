import { finishEnrolmentEvent } from '../../../schemas/workflow';
import { finishEnrolment } from '../../domain/workflow/finish-enrolment';
import { systemClock } from '../../ports/clock';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), clock: systemClock };

export const handler = workflowTask(finishEnrolmentEvent, (event) => finishEnrolment(event, deps));
