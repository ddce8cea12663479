import type { FollowUpDraft, SuggestDraftBody } from '../../../schemas/api/drafts';
import type { SequenceStep } from '../../../schemas/api/sequences';
import type { DraftWriter } from '../../ports/draft-writer';
import type { Actor } from '../actor';
import { ensureProfile } from '../agents/ensure-profile';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';
import { draftContextFor, draftFollowUp } from './draft-follow-up';
import { validateDraft } from './validate-draft';

export interface SuggestDraftDeps
  extends Pick<LeadDeps, 'leads' | 'interactions' | 'agents' | 'clock' | 'profileDefaults'> {
  /** The model; absent (no model configured) the template drafter writes the suggestion. */
  writer?: DraftWriter;
  onWriterError?: (error: unknown) => void;
}

/** How much of the timeline a suggestion reads, newest first. */
const TIMELINE_ENTRIES = 50;

/** An AI-draft step on the channel asked for, due now: what a suggestion is drafted as. */
const suggestionStep = (channel: SuggestDraftBody['channel']): SequenceStep =>
  channel === 'email'
    ? {
        channel,
        delay: { minutes: 0, after: 'enrolment' },
        conditions: [],
        subject: 'About {interest}',
        message: { aiDraft: true },
      }
    : { channel, delay: { minutes: 0, after: 'enrolment' }, conditions: [], message: { aiDraft: true } };

/**
 * Suggests the next follow-up for one of the agent's leads, from the lead's own recent messages:
 * 1. the agent's own lead (an admin: any of the brokerage's), else 404;
 * 2. the lead's agent's name and the latest page of the timeline make the draft's context;
 * 3. the model drafts it (the template drafter when it cannot), and the send-time checks are run on it.
 * Nothing is sent or written.
 */
export const suggestDraft = async (
  actor: Actor,
  leadId: string,
  body: SuggestDraftBody,
  deps: SuggestDraftDeps,
): Promise<FollowUpDraft> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const agent =
    (lead.agentId !== actor.agentId && (await deps.agents.get(lead.agentId))) ||
    (await ensureProfile(actor, deps));
  const timeline = await deps.interactions.listTimeline(lead.leadId, { limit: TIMELINE_ENTRIES });
  const step = suggestionStep(body.channel);
  const context = draftContextFor(step, lead, agent, timeline.items);
  const { draft, source } = await draftFollowUp(step, context, {
    ...(deps.writer && { writer: deps.writer }),
    ...(deps.onWriterError && { onWriterError: deps.onWriterError }),
  });
  const verdict = validateDraft(draft, context);
  return {
    channel: body.channel,
    language: draft.language,
    text: draft.text,
    ...(draft.subject !== undefined && { subject: draft.subject }),
    source,
    checks: verdict.ok ? { ok: true } : { ok: false, problems: verdict.problems },
  };
};
