import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import type { TaskDeps } from '../../../../lambdas/domain/tasks/deps';
import { type Clock, fixedClock } from '../../../../lambdas/ports/clock';
import type { Task, TaskRepository } from '../../../../lambdas/ports/tasks';
import type { Interaction } from '../../../../schemas/api/timeline';
import { FIXTURE_NOW } from '../../../helpers/factories';
import { createInMemoryDeps, type InMemoryDeps } from '../../../helpers/in-memory-repositories';

export type TaskWorld = InMemoryDeps &
  Pick<TaskDeps, 'profileDefaults'> & {
    tasks: TaskRepository & {
      /** Every task as stored, by id. */
      stored: Map<string, Task>;
      /** The next `complete` finds the lead changed by someone else first, as a rescore racing it would. */
      raceNextCompletion(change: () => Promise<void>): void;
    };
    /** The lead's timeline, newest first. */
    timeline(leadId: string): Promise<Interaction[]>;
  };

/**
 * The task use cases' collaborators in memory, with the table adapter's contract: a task is created
 * once per id and only while its lead is alive; a completion is written once, with its timeline
 * lines and the lead's change, all or nothing, guarded by the lead's version.
 */
export const createTaskWorld = (clock: Clock = fixedClock(FIXTURE_NOW)): TaskWorld => {
  const base = createInMemoryDeps(clock);
  const stored = new Map<string, Task>();
  let race: (() => Promise<void>) | undefined;

  const leadAlive = async (leadId: string) => {
    if (!(await base.leads.get(leadId))) throw new LeadGoneError(leadId);
  };

  const tasks: TaskWorld['tasks'] = {
    stored,
    raceNextCompletion(change) {
      race = change;
    },
    async create(task, { interactions = [] } = {}) {
      await leadAlive(task.leadId);
      const existing = stored.get(task.taskId);
      if (existing) return { task: structuredClone(existing), created: false };
      stored.set(task.taskId, structuredClone(task));
      for (const item of interactions) await base.interactions.add(item);
      return { task: structuredClone(task), created: true };
    },
    async get(taskId) {
      return structuredClone(stored.get(taskId));
    },
    async listDue(agentId, { dueFrom, dueBefore, limit, cursor }) {
      const due = [...stored.values()]
        .filter(
          (task) =>
            task.agentId === agentId &&
            task.status === 'open' &&
            (dueFrom === undefined || task.dueAt >= dueFrom) &&
            (dueBefore === undefined || task.dueAt < dueBefore),
        )
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.taskId.localeCompare(b.taskId));
      const start = cursor === undefined ? 0 : Number(cursor);
      const items = due.slice(start, start + limit).map((task) => structuredClone(task));
      const next = start + items.length;
      return { items, nextCursor: next < due.length ? String(next) : null };
    },
    async complete(taskId, { result, note }, at, { interactions = [], lead } = {}) {
      const task = stored.get(taskId);
      if (!task) throw new Error(`No task ${taskId}`);
      if (task.status === 'done') return structuredClone(task);
      if (race) {
        const change = race;
        race = undefined;
        await change();
      }
      const current = await base.leads.get(task.leadId);
      if (!current) throw new LeadGoneError(task.leadId);
      if (lead && current.version !== lead.previous.version) throw new StaleVersionError();
      if (lead) await base.leads.update(lead.previous, lead.next);
      for (const item of interactions) await base.interactions.add(item);
      Object.assign(task, {
        status: 'done',
        completedAt: at.toISOString(),
        updatedAt: at.toISOString(),
        ...(result && { result }),
        ...(note && { note }),
      });
      return structuredClone(task);
    },
  };

  return {
    ...base,
    tasks,
    async timeline(leadId) {
      return (await base.interactions.listTimeline(leadId, { limit: 100 })).items;
    },
  };
};
