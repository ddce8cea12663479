import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type {
  FacebookCommentEvent,
  FacebookEvent,
  FacebookReactionEvent,
  FacebookShareEvent,
} from '../../../schemas/events/facebook';
import type { FacebookIntakeDeps } from './deps';
import { followUpNewLead, type NewLeadFollowUp } from './follow-up-new-lead';
import { intakeLead } from './lead-intake';
import { latestOf, notAfter, retryOnStaleLead, reviseLead } from './lead-revision';
import { receiveLeadgen } from './receive-leadgen';
import { settleEvent } from './settle-event';
import { requireWebhookBinding } from './webhook-binding';
import { webhookReceipt } from './webhook-receipt';

export type FacebookEventResult =
  | 'recorded'
  | 'duplicate'
  /** Not a lead signal: the Page's own activity, an edit or removal, a reaction taken back. */
  | 'ignored'
  /** A like or share by someone who is not a lead yet: engagement alone does not make a lead. */
  | 'unknown_user'
  /** For a Page that is not this brokerage's: left alone. */
  | 'other_page'
  | 'lead_gone'
  /** A lead form Meta would not let us read (e.g. an expired token): kept by its ids for a retry. */
  | 'parked'
  | 'rejected';

export interface FacebookOutcome {
  kind: FacebookEvent['kind'];
  result: FacebookEventResult;
  leadId?: string;
  created?: boolean;
  /** A new lead's automatic follow-up: enrolled, off for its agent, skipped, or failed (the lead is kept). */
  followUp?: NewLeadFollowUp;
  reason?: string;
}

const MESSAGE_MAX = 4000;

export interface FacebookDelivery {
  events: FacebookEvent[];
  /** The brokerage's own Page; unset refuses the whole delivery (503) until it is configured. */
  pageId: string | undefined;
}

/**
 * Acts on the events of one Facebook Page webhook delivery, each at most once.
 * Refuses the delivery while the brokerage's Page id is unset; events for another Page are left alone.
 * Flow per event:
 * - comment: the commenter's lead (kept by their Facebook user id), created for the agent whose turn it
 *   is on their first comment → the comment on its timeline, comments +1 and the receipt in one
 *   transaction → rescore (fast) → a new lead is enrolled in its follow-up when its agent says so;
 * - like/reaction, share: +1 on a known commenter's lead → rescore;
 * - lead form: fetch the answers → the lead with that phone or email gets them on its timeline, or a new
 *   lead (source facebook_lead_ad) is created with them → rescore.
 */
export const receiveFacebook = async (
  { events, pageId }: FacebookDelivery,
  deps: FacebookIntakeDeps,
): Promise<FacebookOutcome[]> => {
  const ownPage = requireWebhookBinding('facebook', pageId, deps);
  const outcomes: FacebookOutcome[] = [];
  for (const event of events) {
    if (event.pageId !== ownPage) {
      outcomes.push({ kind: event.kind, result: 'other_page' });
      continue;
    }
    outcomes.push(await settleEvent(event.kind, () => receiveEvent(event, deps)));
  }
  return outcomes;
};

const receiveEvent = (event: FacebookEvent, deps: FacebookIntakeDeps): Promise<FacebookOutcome> => {
  switch (event.kind) {
    case 'comment':
      return receiveComment(event, deps);
    case 'reaction':
      return receiveEngagement(event, 'likes', deps);
    case 'share':
      return receiveEngagement(event, 'shares', deps);
    case 'leadgen':
      return receiveLeadgen(event, deps);
  }
};

/** Repeat comments, likes and shares of one person land on one lead: the ref from their Facebook user id. */
const userKey = (facebookUserId: string) => `fb-user:${facebookUserId}`;

// ---------------------------------------------------------------------------------------------- comments

const receiveComment = async (
  event: FacebookCommentEvent,
  deps: FacebookIntakeDeps,
): Promise<FacebookOutcome> => {
  const kind = 'comment';
  if (event.action !== 'add') return { kind, result: 'ignored', reason: `comment ${event.action}` };
  if (event.fromPage || !event.from) return { kind, result: 'ignored', reason: 'not from a person' };
  if (await deps.receipts.has('fb-comment', event.commentId)) return { kind, result: 'duplicate' };

  const now = deps.clock.now();
  const at = notAfter(event.createdAt, now);
  const from = event.from;
  const { lead, created } = await intakeLead(
    userKey(from.id),
    { name: (from.name?.trim() || 'Facebook user').slice(0, 120), source: 'facebook_comment', tags: [] },
    deps,
    at,
  );

  const recorded = await retryOnStaleLead(lead, deps.leads, (current) => {
    const comment: Interaction = {
      interactionId: deps.newId(),
      leadId: current.leadId,
      type: 'comment',
      direction: 'inbound',
      ...(event.message !== undefined && { text: event.message }),
      occurredAt: at.toISOString(),
      externalId: event.commentId,
      metadata: {
        channel: 'facebook',
        pageId: event.pageId,
        ...(event.postId !== undefined && { postId: event.postId }),
        ...(event.parentCommentId !== undefined && { parentCommentId: event.parentCommentId }),
      },
    };
    const next: Lead = {
      ...reviseLead(current, now),
      engagement: { ...current.engagement, comments: current.engagement.comments + 1 },
      lastInteractionAt: latestOf(current.lastInteractionAt, at),
      ...(current.initialMessage === undefined &&
        event.message !== undefined && { initialMessage: event.message.slice(0, MESSAGE_MAX) }),
    };
    return deps.receipts.commit({
      receipt: webhookReceipt('fb-comment', event.commentId),
      lead: { previous: current, next },
      interactions: [comment],
    });
  });
  if (recorded === undefined) return { kind, result: 'lead_gone', leadId: lead.leadId };
  if (!recorded) return { kind, result: 'duplicate', leadId: lead.leadId };
  await deps.scorer.rescore(lead.leadId, created ? 'created' : 'message_in', { fast: true });
  const followUp = created ? await followUpNewLead(lead.leadId, deps) : undefined;
  return { kind, result: 'recorded', leadId: lead.leadId, created, ...(followUp && { followUp }) };
};

// ---------------------------------------------------------------------------------------------- likes, shares

const receiveEngagement = async (
  event: FacebookReactionEvent | FacebookShareEvent,
  counter: 'likes' | 'shares',
  deps: FacebookIntakeDeps,
): Promise<FacebookOutcome> => {
  const { kind } = event;
  if (event.kind === 'reaction' && event.action !== 'add')
    return { kind, result: 'ignored', reason: 'taken back' };
  if (event.fromPage || !event.from) return { kind, result: 'ignored', reason: 'not from a person' };
  const ref = await deps.refs.find(userKey(event.from.id));
  const lead = ref && (await deps.leads.get(ref.leadId));
  if (!lead) return { kind, result: 'unknown_user' };

  // One like per person and item whatever the reaction; a share by its id.
  const key =
    event.kind === 'reaction'
      ? `${event.from.id}:${event.commentId ?? event.postId ?? event.pageId}`
      : (event.shareId ?? `${event.from.id}:${event.postId ?? event.pageId}`);
  const recorded = await retryOnStaleLead(lead, deps.leads, (current) =>
    deps.receipts.commit({
      receipt: webhookReceipt(event.kind === 'reaction' ? 'fb-reaction' : 'fb-share', key),
      lead: {
        previous: current,
        next: {
          ...reviseLead(current, deps.clock.now()),
          engagement: { ...current.engagement, [counter]: current.engagement[counter] + 1 },
        },
      },
    }),
  );
  if (recorded === undefined) return { kind, result: 'lead_gone', leadId: lead.leadId };
  if (!recorded) return { kind, result: 'duplicate', leadId: lead.leadId };
  await deps.scorer.rescore(lead.leadId, 'message_in', { fast: true });
  return { kind, result: 'recorded', leadId: lead.leadId };
};
