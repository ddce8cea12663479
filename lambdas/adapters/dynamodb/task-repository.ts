import { NotFoundError } from '../../domain/errors';
import type { Task, TaskRepository } from '../../ports/tasks';
import { isConditionFailure } from './condition-failure';
import type { TaskItem } from './entities/task';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

const toTask = (item: TaskItem): Task =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as unknown as Task;

/** Tasks in their lead's partition; every change is conditional, so a retry or a race writes once. */
export const createTaskRepository = (service: CrmService): TaskRepository => {
  const { task: tasks } = service.entities;

  const get = async (taskId: string): Promise<Task | undefined> => {
    const { data } = await tasks.query.byId({ taskId }).go({ limit: 1 });
    const found = data[0];
    if (!found) return undefined;
    // The index is eventually consistent: read the task itself for its current state.
    const { data: current } = await tasks.get({ leadId: found.leadId, taskId }).go({ consistent: true });
    return current ? toTask(current) : undefined;
  };

  return {
    get,

    async create(task) {
      try {
        await tasks.create(task).go();
        return { task, created: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { data } = await tasks
          .get({ leadId: task.leadId, taskId: task.taskId })
          .go({ consistent: true });
        if (!data) throw error;
        return { task: toTask(data), created: false };
      }
    },

    async listDue(agentId, { dueBefore, dueFrom, limit, cursor }) {
      // Key conditions on the due time: tasks due later are never read, however many there are.
      const open = tasks.query.byAgentDue;
      const options = { cursor, count: limit, order: 'asc' } as const;
      const page = await withCursor(cursor, () =>
        dueFrom === undefined
          ? open({ agentId, status: 'open' }).lt({ dueAt: dueBefore }).go(options)
          : open({ agentId, status: 'open' }).between({ dueAt: dueFrom }, { dueAt: dueBefore }).go(options),
      );
      return { items: page.data.map(toTask), nextCursor: page.cursor };
    },

    async complete(taskId, { result, note }, at) {
      const task = await get(taskId);
      if (!task) throw new NotFoundError('Task');
      if (task.status === 'done') return task;
      try {
        const { data } = await tasks
          .patch({ leadId: task.leadId, taskId })
          .set({
            status: 'done',
            completedAt: at.toISOString(),
            updatedAt: at.toISOString(),
            ...(result && { result }),
            ...(note && { note }),
          })
          .composite({ agentId: task.agentId, dueAt: task.dueAt })
          .where((attr, { eq }) => eq(attr.status, 'open'))
          .go({ response: 'all_new' });
        return toTask(data as TaskItem);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Completed by someone else in between: theirs stands.
        const current = await get(taskId);
        if (!current) throw new NotFoundError('Task');
        return current;
      }
    },
  };
};
