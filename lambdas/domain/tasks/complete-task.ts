import type { Lead } from '../../../schemas/api/leads';
import type { CompleteTaskBody } from '../../../schemas/api/tasks';
import type { Interaction } from '../../../schemas/api/timeline';
import type { CallResult, Task, TaskActivity } from '../../ports/tasks';
import { type Actor, canAccess } from '../actor';
import { NotFoundError, ValidationError } from '../errors';
import { latestOf, retryOnStaleLead, reviseLead } from '../messaging/lead-revision';
import type { TaskDeps } from './deps';

const callOutcome: Record<CallResult, string> = {
  answered: 'Call answered',
  not_answered: 'Call not answered',
  voicemail: 'Call went to voicemail',
  busy: 'Line busy',
  wrong_number: 'Wrong number',
};

const checkResult = (task: Task, result: CallResult | undefined): void => {
  if (task.kind === 'call' && result === undefined) {
    throw new ValidationError([{ field: 'result', message: 'is required to complete a call' }]);
  }
  if (task.kind === 'reminder' && result !== undefined) {
    throw new ValidationError([{ field: 'result', message: 'is only for calls' }]);
  }
};

/**
 * What completing the task writes with it. A call is contact with the lead: a `call` on the timeline
 * (scoring and the history read it) and the lead's last interaction; a wrong number also marks the
 * lead's phone undeliverable, as a failed WhatsApp send does. A reminder is the agent's own: a line.
 */
const activityFor = (
  task: Task,
  lead: Lead,
  body: CompleteTaskBody,
  actor: Actor,
  now: Date,
  newId: () => string,
) => {
  const line = (
    item: Omit<Interaction, 'interactionId' | 'leadId' | 'occurredAt' | 'createdBy'>,
  ): Interaction => ({
    interactionId: newId(),
    leadId: task.leadId,
    occurredAt: now.toISOString(),
    createdBy: actor.agentId,
    ...item,
  });
  const { result, note } = body;
  if (task.kind === 'reminder' || result === undefined) {
    const text = note ? `Done: ${task.title}. ${note}` : `Done: ${task.title}`;
    return {
      interactions: [
        line({ type: 'system', direction: 'internal', text, metadata: { taskId: task.taskId } }),
      ],
    };
  }
  const call = line({
    type: 'call',
    direction: 'outbound',
    text: note ? `${callOutcome[result]}: ${note}` : callOutcome[result],
    metadata: { taskId: task.taskId, result },
  });
  const wrongNumber = result === 'wrong_number' && lead.phone !== undefined && lead.phoneStatus !== 'invalid';
  const next: Lead = {
    ...reviseLead(lead, now),
    lastInteractionAt: latestOf(lead.lastInteractionAt, now),
    ...(wrongNumber && { phoneStatus: 'invalid' as const }),
  };
  const marked = line({
    type: 'system',
    direction: 'internal',
    text: 'The number was wrong when called: marked undeliverable',
    metadata: { channel: 'call', taskId: task.taskId },
  });
  return {
    interactions: wrongNumber ? [call, marked] : [call],
    lead: { previous: lead, next },
  } satisfies TaskActivity;
};

/**
 * Marks the agent's task done, once: a call with its result (`not_answered` is what the follow-ups'
 * `call_not_answered` condition reads), a reminder without one. A repeat answers with the stored task.
 * Flow: load (404 if foreign) → check the result fits the kind → done already? → write the task, its
 * timeline lines and the lead's change at once, again on the fresh lead if it changed meanwhile.
 */
export const completeTask = async (
  actor: Actor,
  taskId: string,
  body: CompleteTaskBody,
  deps: Pick<TaskDeps, 'tasks' | 'leads' | 'clock' | 'newId'>,
): Promise<Task> => {
  const task = await deps.tasks.get(taskId);
  if (!task || !canAccess(actor, task)) throw new NotFoundError('Task');
  checkResult(task, body.result);
  if (task.status === 'done') return task;

  const lead = await deps.leads.get(task.leadId);
  if (!lead) throw new NotFoundError('Task');
  const done = await retryOnStaleLead(lead, deps.leads, (current) => {
    const now = deps.clock.now();
    const alongside = activityFor(task, current, body, actor, now, deps.newId);
    // The completion note goes on the timeline; the task keeps the note it was scheduled with.
    return deps.tasks.complete(taskId, body.result ? { result: body.result } : {}, now, alongside);
  });
  // Erased (or being erased) meanwhile: its tasks go with it.
  if (!done) throw new NotFoundError('Task');
  return done;
};
