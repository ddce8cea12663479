import { routeTable } from '../../../schemas/routes';
import { completeTask } from '../../domain/tasks/complete-task';
import { httpHandler } from '../../shared/http/http-handler';
import { taskDeps } from '../../shared/task-wiring';

const deps = taskDeps();

export const handler = httpHandler(routeTable.completeTask, async ({ actor, params, body }) => ({
  status: 200,
  body: await completeTask(actor, params.taskId, body, deps),
}));
