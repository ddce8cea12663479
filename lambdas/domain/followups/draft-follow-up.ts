import type { SequenceStep } from '../../../schemas/api/sequences';
import type { Interaction } from '../../../schemas/api/timeline';
import type { DraftWriter } from '../../ports/draft-writer';
import { analyzeContent } from '../scoring/heuristic-content-analyzer';
import { type DraftContext, interestOf } from './draft-context';
import { type Draft, draftFromTemplate, draftLanguage } from './draft-from-template';
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

/** Longest stretch of the lead's own words read for what they are looking for. */
const INTEREST_TEXT_MAX = 2_000;

/**
 * What a draft for this lead is written from: their name and interest, the agent, and their own
 * inbound messages (oldest first) from a page of the timeline, newest first as the repository gives it.
 * A lead with no recorded interest (one who wrote on WhatsApp in English) is read for it: the
 * bedrooms, kind of property and area they named ("2-bed apartment in Surry Hills").
 */
export const draftContextFor = (
  step: Pick<SequenceStep, 'channel'>,
  lead: { name: string; propertyInterest?: Parameters<typeof interestOf>[0] },
  agent: { name: string },
  timeline: readonly Interaction[],
  listing?: { title: string; url?: string },
): DraftContext => {
  const leadMessages = timeline
    .filter((entry) => entry.direction === 'inbound' && entry.text)
    .slice(0, LEAD_MESSAGES)
    .map((entry) => entry.text as string)
    .reverse();
  // The interest is phrased in English ("2-bed apartment"): read only from a lead who writes English.
  const interest =
    interestOf(lead.propertyInterest) ??
    (leadMessages.length > 0 && draftLanguage(leadMessages) === 'en'
      ? interestOf(
          analyzeContent({ text: leadMessages.join('\n').slice(-INTEREST_TEXT_MAX), leadName: lead.name })
            .preferences,
        )
      : undefined);
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
