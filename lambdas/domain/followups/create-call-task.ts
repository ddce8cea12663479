import type { Interaction } from '../../../schemas/api/timeline';
import type { IdGenerator } from '../../ports/ids';
import type { InteractionRepository } from '../../ports/interaction-repository';
import type { Task, TaskRepository } from '../../ports/tasks';
import { firstNameOf } from './draft-context';
import { dueWithinWorkingHours } from './due-within-working-hours';
import { type DueStep, followUpRefOf, type StepOutcome } from './follow-up-send';

export interface CreateCallTaskDeps {
  tasks: Pick<TaskRepository, 'create'>;
  interactions: Pick<InteractionRepository, 'add'>;
  newId: IdGenerator;
}

/** One task per step, so a retried step finds the task it already made. */
export const callTaskIdFor = (enrollmentId: string, stepIndex: number): string =>
  `${enrollmentId}-${stepIndex}`;

/**
 * A call step (or a WhatsApp step that cannot go out as a message): a call task for the lead's agent,
 * due now or at the start of their next working hours, with a line on the lead's timeline. Created
 * once per step whatever the retries; the result names the task.
 */
export const createCallTask = async (
  due: DueStep,
  deps: CreateCallTaskDeps,
  fallbackReason?: string,
): Promise<StepOutcome> => {
  const { lead, agent, context, drafted, now } = due;
  const interest = context.interest ?? context.propertyTitle ?? 'their enquiry';
  const at = now.toISOString();
  const followUp = followUpRefOf(due);
  const task: Task = {
    taskId: callTaskIdFor(due.enrollmentId, due.stepIndex),
    leadId: lead.leadId,
    agentId: lead.agentId,
    brokerageId: lead.brokerageId,
    kind: 'call',
    title: `Call ${firstNameOf(lead.name) || lead.name} about ${interest}`,
    ...(drafted.draft.channel === 'call' && { note: drafted.draft.text }),
    dueAt: dueWithinWorkingHours(now, {
      workingHours: agent.workingHours,
      timeZone: agent.timezone,
    }).toISOString(),
    status: 'open',
    followUp,
    createdAt: at,
    updatedAt: at,
  };
  const { created } = await deps.tasks.create(task);
  let interactionId: string | undefined;
  if (created) {
    const entry: Interaction = {
      interactionId: deps.newId(),
      leadId: lead.leadId,
      type: 'system',
      direction: 'internal',
      text: `Follow-up: ${task.title}`,
      occurredAt: at,
      createdBy: 'system',
      metadata: { followUp, taskId: task.taskId, ...(fallbackReason && { reason: fallbackReason }) },
    };
    await deps.interactions.add(entry);
    interactionId = entry.interactionId;
  }
  return {
    kind: 'result',
    result: {
      status: 'task_created',
      channel: 'call',
      taskId: task.taskId,
      draftSource: drafted.source,
      ...(interactionId && { interactionId }),
      ...(fallbackReason && { reason: fallbackReason }),
    },
  };
};
