import type { Interaction } from '../../../schemas/api/timeline';
import type { DraftWriter } from '../../ports/draft-writer';
import { type CreateCallTaskDeps, createCallTask } from './create-call-task';
import { draftContextFor, draftFollowUp } from './draft-follow-up';
import type { DueStep, StepOutcome } from './follow-up-send';
import { type SendFollowUpEmailDeps, sendFollowUpEmail } from './send-follow-up-email';
import { type SendFollowUpWhatsAppDeps, sendFollowUpWhatsApp } from './send-follow-up-whatsapp';
import { validateDraft } from './validate-draft';

export type SendDueStepDeps = SendFollowUpWhatsAppDeps &
  SendFollowUpEmailDeps &
  CreateCallTaskDeps & {
    writer?: DraftWriter;
    onWriterError?: (error: unknown) => void;
  };

/**
 * Drafts a claimed step for the lead (from their own words, the agent and the timeline) and sends it
 * on its channel. A draft that fails validation is never sent: the step is skipped `draft_rejected`.
 */
export const sendDueStep = async (
  due: Omit<DueStep, 'context' | 'drafted'>,
  timeline: readonly Interaction[],
  deps: SendDueStepDeps,
): Promise<StepOutcome> => {
  const context = draftContextFor(due.step, due.lead, due.agent, timeline);
  const drafted = await draftFollowUp(due.step, context, {
    ...(deps.writer && { writer: deps.writer }),
    ...(deps.onWriterError && { onWriterError: deps.onWriterError }),
  });
  const verdict = validateDraft(drafted.draft, context);
  if (!verdict.ok) {
    return {
      kind: 'result',
      result: {
        status: 'skipped',
        channel: due.step.channel,
        reason: 'draft_rejected',
        draftSource: drafted.source,
      },
    };
  }
  const ready: DueStep = { ...due, context, drafted };
  if (due.step.channel === 'whatsapp') return sendFollowUpWhatsApp(ready, deps);
  if (due.step.channel === 'email') return sendFollowUpEmail(ready, deps);
  return createCallTask(ready, deps);
};
