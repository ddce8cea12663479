import type { SequenceStep, TemplateField } from '../../../schemas/api/sequences';
import { chooseWhatsAppSend } from '../messaging/choose-whatsapp-send';
import { type DeliverWhatsAppDeps, deliverWhatsApp } from '../messaging/deliver-whatsapp';
import { type CreateCallTaskDeps, createCallTask } from './create-call-task';
import { type DraftContext, firstNameOf } from './draft-context';
import { type DueStep, followUpRefOf, outcomeOfChannelError, type StepOutcome } from './follow-up-send';

export type SendFollowUpWhatsAppDeps = DeliverWhatsAppDeps & CreateCallTaskDeps;

/** The window must still be open a minute from now: the message must not reach Meta after it shut. */
const WINDOW_MARGIN_MS = 60_000;

type ApprovedTemplate = NonNullable<Extract<SequenceStep, { channel: 'whatsapp' }>['approvedTemplate']>;

/** An approved template's body parameters, in order, filled from the lead, the agent and the listing. */
export const templateParameters = (template: ApprovedTemplate, context: DraftContext): string[] => {
  const interest = context.interest ?? context.propertyTitle ?? 'your property search';
  const values: Record<TemplateField, string> = {
    firstName: firstNameOf(context.leadName) || 'there',
    agentName: context.agentName,
    interest,
    propertyTitle: context.propertyTitle ?? interest,
    listingUrl: context.listingUrl ?? context.propertyTitle ?? interest,
  };
  return template.parameters.map((field) => values[field]);
};

/**
 * A WhatsApp step, through the same dispatch and record as the agent's own send: free text (the draft)
 * inside the lead's 24-hour window, the step's approved template outside it, and a call task when the
 * window is closed and there is no template (never free text Meta would refuse). The timeline entry is
 * the system's, with the step's reference and who drafted it, so delivery statuses tie back to the step.
 */
export const sendFollowUpWhatsApp = async (
  due: DueStep,
  deps: SendFollowUpWhatsAppDeps,
): Promise<StepOutcome> => {
  const { lead, step, drafted, context, now } = due;
  if (step.channel !== 'whatsapp') throw new TypeError('Not a WhatsApp step');
  const to = lead.phone ?? (lead.waId !== undefined ? `+${lead.waId}` : undefined);
  const skipped = (reason: string): StepOutcome => ({
    kind: 'result',
    result: { status: 'skipped', channel: 'whatsapp', reason },
  });
  if (to === undefined) return skipped('no_contact');
  if (lead.phoneStatus === 'invalid') return skipped('undeliverable');

  const choice = chooseWhatsAppSend({
    lastInboundAt: lead.lastInboundAt ? new Date(lead.lastInboundAt) : undefined,
    now,
    hasApprovedTemplate: step.approvedTemplate !== undefined,
    marginMs: WINDOW_MARGIN_MS,
  });
  if (choice.kind === 'unavailable' || (choice.kind === 'template' && !step.approvedTemplate)) {
    return createCallTask(due, deps, 'window_closed');
  }
  const body =
    choice.kind === 'template' && step.approvedTemplate
      ? {
          template: {
            name: step.approvedTemplate.name,
            language: step.approvedTemplate.language,
            parameters: templateParameters(step.approvedTemplate, context),
          },
        }
      : { text: drafted.draft.text };
  const via = body.template ? ('template' as const) : ('text' as const);

  try {
    const message = await deliverWhatsApp(
      lead,
      {
        to,
        body,
        createdBy: 'system',
        metadata: { followUp: followUpRefOf(due), draftSource: drafted.source },
      },
      deps,
    );
    return {
      kind: 'result',
      result: {
        status: 'sent',
        channel: 'whatsapp',
        via,
        draftSource: drafted.source,
        interactionId: message.interactionId,
        ...(message.externalId && { externalId: message.externalId }),
      },
    };
  } catch (error) {
    return outcomeOfChannelError(error, 'whatsapp');
  }
};
