import type { SequenceStep } from '../../../schemas/api/sequences';
import type { Interaction } from '../../../schemas/api/timeline';
import type { DraftWriter } from '../../ports/draft-writer';
import { type DraftContext, interestOf } from './draft-context';
import { type Draft, draftFromTemplate } from './draft-from-template';
import { type DraftProblem, validateDraft } from './validate-draft';

export interface DraftedFollowUp {
  draft: Draft;
  /** Who wrote it: the model, or the template drafter (the step's template, or the fallback). */
  source: 'model' | 'template';
  /** Why the model's draft was not used, when it was asked and failed or wrote something unsendable. */
  modelProblems?: DraftProblem[] | 'unavailable';
}

/** How many of the lead's own messages a draft is written from (newest kept). */
const LEAD_MESSAGES = 10;

/**
 * What a draft for this lead is written from: their name and interest, the agent, and their own
 * inbound messages (oldest first) from a page of the timeline, newest first as the repository gives it.
 */
export const draftContextFor = (
  step: Pick<SequenceStep, 'channel'>,
  lead: { name: string; propertyInterest?: Parameters<typeof interestOf>[0] },
  agent: { name: string },
  timeline: readonly Interaction[],
  listing?: { title: string; url?: string },
): DraftContext => {
  const interest = interestOf(lead.propertyInterest);
  const leadMessages = timeline
    .filter((entry) => entry.direction === 'inbound' && entry.text)
    .slice(0, LEAD_MESSAGES)
    .map((entry) => entry.text as string)
    .reverse();
  return {
    channel: step.channel,
    leadName: lead.name,
    agentName: agent.name,
    ...(interest && { interest }),
    ...(listing && { propertyTitle: listing.title }),
    ...(listing?.url && { listingUrl: listing.url }),
    leadMessages,
  };
};

/**
 * Drafts a step's message for one lead:
 * 1. a step with its own template is filled from it (no model);
 * 2. an AI-draft step asks the writer, and uses its draft only if `validateDraft` passes;
 * 3. otherwise (no writer, it failed, or its draft was unsendable) the template drafter writes it.
 * What comes back always passes `validateDraft` or came from the step's own template.
 */
export const draftFollowUp = async (
  step: SequenceStep,
  context: DraftContext,
  deps: { writer?: DraftWriter; onWriterError?: (error: unknown) => void },
): Promise<DraftedFollowUp> => {
  if (!step.message.aiDraft || !deps.writer) {
    return { draft: draftFromTemplate(step, context), source: 'template' };
  }
  let modelProblems: DraftedFollowUp['modelProblems'];
  try {
    const written = await deps.writer.write(step, context);
    const verdict = validateDraft(written, context);
    if (verdict.ok) return { draft: written, source: 'model' };
    modelProblems = verdict.problems;
  } catch (error) {
    deps.onWriterError?.(error);
    modelProblems = 'unavailable';
  }
  return { draft: draftFromTemplate(step, context), source: 'template', modelProblems };
};
