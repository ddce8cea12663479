import { NotFoundError, StaleVersionError } from '../../domain/errors';
import { LeadGoneError } from '../../domain/leads/lead-errors';
import { backoff } from '../../domain/messaging/lead-revision';
import type { Task, TaskRepository } from '../../ports/tasks';
import type { TaskItem } from './entities/task';
import { checkLeadAlive, leadAtVersion, refusalOf } from './lead-guard';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

const toTask = (item: TaskItem): Task =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as unknown as Task;

/** ElectroDB reports one cancellation reason per transaction item, in the order the items were given. */
const cancellationCodes = (data: unknown): string[] =>
  (data as ReadonlyArray<{ code?: string }>).map((item) => item.code ?? 'None');

const FAILED = 'ConditionalCheckFailed';

/**
 * Tasks in their lead's partition; every change is conditional, so a retry or a race writes once, and
 * each is written with a guard on the lead, so an erase under way leaves no task behind.
 */
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

    async create(task, { interactions = [] } = {}) {
      for (let attempt = 1; ; attempt++) {
        const result = await service.transaction
          .write(({ lead, task: t, interaction: i }) => [
            checkLeadAlive(lead, task.leadId),
            t.create(task).commit(),
            ...interactions.map((item) => i.create(item).commit()),
          ])
          .go();
        if (!result.canceled) return { task, created: true };

        const codes = cancellationCodes(result.data);
        if (codes[0] === FAILED) throw new LeadGoneError(task.leadId);
        if (codes[1] === FAILED) {
          const { data } = await tasks
            .get({ leadId: task.leadId, taskId: task.taskId })
            .go({ consistent: true });
          if (data) return { task: toTask(data), created: false };
        }
        // The lead was being written at that moment (a rescore, a message): the check only needs another go.
        if (!codes.includes('TransactionConflict') || attempt >= 3) {
          throw new Error(`Task ${task.taskId} could not be created (${codes.join(', ')})`);
        }
        await backoff(attempt);
      }
    },

    async listDue(agentId, { dueBefore, dueFrom, limit, cursor }) {
      // Key conditions on the due time: tasks due outside the range are never read, however many there are.
      const open = tasks.query.byAgentDue({ agentId, status: 'open' });
      const options = { cursor, count: limit, order: 'asc' } as const;
      const page = await withCursor(cursor, () => {
        if (dueFrom !== undefined && dueBefore !== undefined) {
          return open.between({ dueAt: dueFrom }, { dueAt: dueBefore }).go(options);
        }
        if (dueBefore !== undefined) return open.lt({ dueAt: dueBefore }).go(options);
        if (dueFrom !== undefined) return open.gte({ dueAt: dueFrom }).go(options);
        return open.go(options);
      });
      return { items: page.data.map(toTask), nextCursor: page.cursor };
    },

    async complete(taskId, { result, note }, at, { interactions = [], lead } = {}) {
      const task = await get(taskId);
      if (!task) throw new NotFoundError('Task');
      if (task.status === 'done') return task;
      if (
        lead &&
        (lead.previous.leadId !== task.leadId ||
          lead.previous.phone !== lead.next.phone ||
          lead.previous.email !== lead.next.email)
      ) {
        throw new Error("A task's completion changes only its own lead, and never its phone or email");
      }
      const done: Task = {
        ...task,
        status: 'done',
        completedAt: at.toISOString(),
        updatedAt: at.toISOString(),
        ...(result && { result }),
        ...(note && { note }),
      };
      const written = await service.transaction
        .write(({ lead: l, task: t, interaction: i }) => [
          t
            .patch({ leadId: task.leadId, taskId })
            .set({
              status: 'done',
              completedAt: done.completedAt,
              updatedAt: done.updatedAt,
              ...(result && { result }),
              ...(note && { note }),
            })
            .composite({ agentId: task.agentId, dueAt: task.dueAt })
            .where((attr, { eq }) => eq(attr.status, 'open'))
            .commit(),
          lead
            ? l.put(lead.next).where(leadAtVersion(lead.previous.version)).commit()
            : checkLeadAlive(l, task.leadId),
          ...interactions.map((item) => i.create(item).commit()),
        ])
        .go();
      if (!written.canceled) return done;

      const [taskCode, leadCode] = cancellationCodes(written.data);
      if (taskCode === FAILED) {
        // Completed by someone else in between: theirs stands.
        const current = await get(taskId);
        if (current?.status === 'done') return current;
        if (!current) throw new NotFoundError('Task');
      }
      // The lead changed since it was read (retry on the fresh lead), or it is gone or going.
      if (leadCode === FAILED) throw await refusalOf(service, task.leadId);
      if (cancellationCodes(written.data).includes('TransactionConflict')) throw new StaleVersionError();
      throw new Error(`Task ${taskId} could not be completed`);
    },
  };
};
