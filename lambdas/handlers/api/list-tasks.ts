import { routeTable } from '../../../schemas/routes';
import { listTasks } from '../../domain/tasks/list-tasks';
import { httpHandler } from '../../shared/http/http-handler';
import { taskDeps } from '../../shared/task-wiring';

const deps = taskDeps();

export const handler = httpHandler(routeTable.listTasks, async ({ actor, query }) => ({
  status: 200,
  body: await listTasks(actor, query, deps),
}));
