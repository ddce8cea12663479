import type { DueTask, ListTasksQuery } from '../../../schemas/api/tasks';
import type { Page } from '../../ports/page';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import type { TaskDeps } from './deps';
import { dueWindow } from './due-window';

/**
 * An agent's open tasks due today (their calendar day, in their zone), overdue or upcoming, soonest
 * first, each with its lead's name and temperature. A brokerage admin may name one of their agents.
 * Flow: whose list → their zone → one Query on the due-time index → the page's leads in one batch.
 */
export const listTasks = async (
  actor: Actor,
  { due, agentId, limit, cursor }: ListTasksQuery,
  deps: Pick<TaskDeps, 'tasks' | 'leads' | 'agents' | 'clock' | 'profileDefaults'>,
): Promise<Page<DueTask>> => {
  // Another agent's id is answered like an unknown one.
  if (actor.role !== 'admin' && agentId && agentId !== actor.agentId) throw new NotFoundError('Agent');
  const owner = agentId ?? actor.agentId;
  const profile = await deps.agents.get(owner);
  if (profile && profile.brokerageId !== actor.brokerageId) throw new NotFoundError('Agent');
  const timeZone = profile?.timezone ?? deps.profileDefaults.timezone;

  const page = await deps.tasks.listDue(owner, {
    ...dueWindow(due, timeZone, deps.clock.now()),
    limit,
    ...(cursor !== undefined && { cursor }),
  });
  const tasks = page.items.filter((task) => task.brokerageId === actor.brokerageId);
  const leads = new Map(
    (await deps.leads.getMany(tasks.map((task) => task.leadId))).map((l) => [l.leadId, l]),
  );
  // A task whose lead is gone is being erased with it: it is not shown.
  const items = tasks.flatMap((task) => {
    const lead = leads.get(task.leadId);
    return lead ? [{ ...task, lead: { name: lead.name, temperature: lead.temperature } }] : [];
  });
  return { items, nextCursor: page.nextCursor };
};
