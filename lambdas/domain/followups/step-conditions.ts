import type { StepCondition } from '../../../schemas/api/sequences';
import type { StepResult } from '../../ports/follow-up-runs';
import type { MessageRefRepository } from '../../ports/message-refs';
import type { TaskRepository } from '../../ports/tasks';

export interface StepConditionDeps {
  refs: Pick<MessageRefRepository, 'find' | 'interactionOf'>;
  tasks: Pick<TaskRepository, 'get'>;
}

export interface StepConditionInput {
  conditions: readonly StepCondition[];
  stepIndex: number;
  /** The run's recorded step results. */
  results: readonly StepResult[];
  repliedSinceEnrolment: boolean;
}

const WENT_OUT: ReadonlySet<StepResult['status']> = new Set(['sent', 'delivered', 'read', 'replied']);

/** The latest earlier step that really went out on the channel. */
const latestEarlier = (input: StepConditionInput, found: (result: StepResult) => boolean) =>
  [...input.results]
    .filter((result) => result.stepIndex < input.stepIndex && found(result))
    .sort((a, b) => b.stepIndex - a.stepIndex)[0];

// How far a message got, on the step's result and on the message itself (failed counts as nowhere).
const REACHED: Partial<Record<string, number>> = { delivered: 1, read: 2, replied: 2 };

/** Whether the latest earlier WhatsApp message reached `status` (delivered, or read), by its result or the message itself. */
const whatsappReached = async (
  input: StepConditionInput,
  status: 'delivered' | 'read',
  deps: StepConditionDeps,
): Promise<boolean> => {
  const earlier = latestEarlier(
    input,
    (result) => result.channel === 'whatsapp' && WENT_OUT.has(result.status) && !!result.externalId,
  );
  if (!earlier?.externalId) return false;
  const needed = REACHED[status] as number;
  if ((REACHED[earlier.status] ?? 0) >= needed) return true;
  const ref = await deps.refs.find(earlier.externalId);
  const message = ref && (await deps.refs.interactionOf(ref));
  return (REACHED[message?.deliveryStatus ?? ''] ?? 0) >= needed;
};

/** The latest earlier call task was not answered: completed with another result, or still open. */
const callNotAnswered = async (input: StepConditionInput, deps: StepConditionDeps): Promise<boolean> => {
  const earlier = latestEarlier(input, (result) => result.channel === 'call' && !!result.taskId);
  if (!earlier?.taskId) return false;
  const task = await deps.tasks.get(earlier.taskId);
  return task !== undefined && (task.status === 'open' || task.result !== 'answered');
};

/**
 * The first of a step's conditions that does not hold now, or undefined when all hold:
 * `no_response` (nothing from the lead since enrolment), `whatsapp_delivered` / `whatsapp_read` (the
 * latest earlier WhatsApp message got that far), `call_not_answered` (the latest earlier call task
 * was completed with another result than `answered`, or is still open).
 */
export const unmetCondition = async (
  input: StepConditionInput,
  deps: StepConditionDeps,
): Promise<StepCondition | undefined> => {
  for (const condition of input.conditions) {
    const holds =
      condition === 'no_response'
        ? !input.repliedSinceEnrolment
        : condition === 'call_not_answered'
          ? await callNotAnswered(input, deps)
          : await whatsappReached(input, condition === 'whatsapp_read' ? 'read' : 'delivered', deps);
    if (!holds) return condition;
  }
  return undefined;
};
