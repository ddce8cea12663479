import { routeTable } from '../../../schemas/routes';
import { scheduleTask } from '../../domain/tasks/schedule-task';
import { httpHandler } from '../../shared/http/http-handler';
import { taskDeps } from '../../shared/task-wiring';

const deps = taskDeps();

export const handler = httpHandler(routeTable.createTask, async ({ actor, params, body }) => ({
  status: 201,
  body: await scheduleTask(actor, params.leadId, body, deps),
}));
