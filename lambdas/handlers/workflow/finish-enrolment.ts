import { finishEnrolmentEvent } from '../../../schemas/workflow';
import { finishEnrolment } from '../../domain/workflow/finish-enrolment';
import { followUpClock } from '../../shared/follow-up-clock';
import { workflowTask } from '../../shared/workflow/workflow-task';
import { followUpRuns } from '../../shared/workflow-wiring';

const deps = { runs: followUpRuns(), clock: followUpClock() };

export const handler = workflowTask(finishEnrolmentEvent, (event) => finishEnrolment(event, deps));
