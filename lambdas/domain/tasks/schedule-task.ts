import type { CreateTaskBody } from '../../../schemas/api/tasks';
import type { Interaction } from '../../../schemas/api/timeline';
import type { Task, TaskKind } from '../../ports/tasks';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { firstNameOf } from '../followups/draft-context';
import { loadLeadFor } from '../leads/load-lead';
import type { TaskDeps } from './deps';

/** A phone's clock may run a little behind ours: "now" from the app is not "in the past". */
const PAST_SLACK_MS = 5 * 60_000;

const defaultTitle = (kind: TaskKind, leadName: string): string => {
  const name = firstNameOf(leadName) || 'the lead';
  return kind === 'call' ? `Call ${name}` : `Follow up with ${name}`;
};

const checkDueAt = (dueAt: Date, now: Date): void => {
  const aYearAhead = new Date(now);
  aYearAhead.setUTCFullYear(aYearAhead.getUTCFullYear() + 1);
  if (dueAt.getTime() < now.getTime() - PAST_SLACK_MS) {
    throw new ValidationError([{ field: 'dueAt', message: 'is in the past' }]);
  }
  if (dueAt > aYearAhead) {
    throw new ValidationError([{ field: 'dueAt', message: 'must be within a year from now' }]);
  }
};

/**
 * Schedules a call or a reminder about one of the agent's leads ("remind me to call her Thursday"),
 * with a line on the lead's timeline. The task is the lead owner's, whoever scheduled it.
 * Flow: load the lead (404 if foreign) → check the due time → write task and timeline line at once.
 */
export const scheduleTask = async (
  actor: Actor,
  leadId: string,
  { kind, dueAt, title, note }: CreateTaskBody,
  deps: Pick<TaskDeps, 'tasks' | 'leads' | 'clock' | 'newId'>,
): Promise<Task> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const now = deps.clock.now();
  const due = new Date(dueAt);
  checkDueAt(due, now);

  const task: Task = {
    taskId: deps.newId(),
    leadId,
    agentId: lead.agentId,
    brokerageId: lead.brokerageId,
    kind,
    title: title ?? defaultTitle(kind, lead.name),
    ...(note !== undefined && { note }),
    dueAt: due.toISOString(),
    status: 'open',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const scheduled: Interaction = {
    interactionId: deps.newId(),
    leadId,
    type: 'system',
    direction: 'internal',
    text: `Scheduled: ${task.title}`,
    occurredAt: task.createdAt,
    createdBy: actor.agentId,
    metadata: { taskId: task.taskId, kind, dueAt: task.dueAt },
  };
  // A lead erased since it was read refuses the write: LeadGoneError, the 404 a missing lead gets.
  const { task: stored } = await deps.tasks.create(task, { interactions: [scheduled] });
  return stored;
};
