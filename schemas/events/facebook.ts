import * as z from 'zod';
import type { createLeadBody } from '../api/leads';

// Loose objects throughout: Meta adds fields without notice.

/** Graph ids arrive as strings, but Meta's own samples (and some test tools) send numbers. */
const graphId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const unixSeconds = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number);

export const facebookActorSchema = z.looseObject({ id: graphId, name: z.string().optional() });

/** A `feed` change: comments, reactions, likes, shares, posts on the Page. */
export const facebookFeedValueSchema = z.looseObject({
  /** comment, reaction, like, share, post, status, photo, video, … */
  item: z.string(),
  /** add, edited, remove, hide, unhide, … */
  verb: z.string(),
  from: facebookActorSchema.optional(),
  post_id: graphId.optional(),
  comment_id: graphId.optional(),
  /** For a reply: the comment replied to; for a top-level comment: the post. */
  parent_id: graphId.optional(),
  message: z.string().optional(),
  created_time: unixSeconds.optional(),
  /** like, love, care, haha, wow, sad, angry. */
  reaction_type: z.string().optional(),
  share_id: graphId.optional(),
  link: z.string().optional(),
  post: z
    .looseObject({
      id: z.string().optional(),
      permalink_url: z.string().optional(),
      status_type: z.string().optional(),
    })
    .optional(),
});
export type FacebookFeedValue = z.infer<typeof facebookFeedValueSchema>;

/** A `leadgen` change: a lead form was submitted; the answers must be fetched with `GET /{leadgen_id}`. */
export const facebookLeadgenValueSchema = z.looseObject({
  leadgen_id: graphId,
  page_id: graphId,
  form_id: graphId,
  ad_id: graphId.optional(),
  adgroup_id: graphId.optional(),
  created_time: unixSeconds,
});
export type FacebookLeadgenValue = z.infer<typeof facebookLeadgenValueSchema>;

/** A change we act on; any other change is skipped on its own, never failing the rest of the delivery. */
export const facebookChangeSchema = z.discriminatedUnion('field', [
  z.looseObject({ field: z.literal('feed'), value: facebookFeedValueSchema }),
  z.looseObject({ field: z.literal('leadgen'), value: facebookLeadgenValueSchema }),
]);
export type FacebookChange = z.infer<typeof facebookChangeSchema>;

/** One Page entry; its changes are read one by one by {@link parseFacebookDelivery}. */
export const facebookEntrySchema = z.looseObject({
  /** Page id. */
  id: graphId,
  /** Milliseconds on some Page topics, seconds on others; kept as sent. */
  time: z.number().optional(),
  /** Absent on Messenger entries, which carry `messaging` instead. */
  changes: z.array(z.unknown()).optional(),
});

/**
 * The body Meta POSTs to `/webhooks/facebook` for Page subscriptions. Only the envelope is checked here:
 * entries and changes are unknown until read one by one, so one odd change cannot refuse the others.
 */
export const facebookWebhookSchema = z.looseObject({
  object: z.literal('page'),
  entry: z.array(z.unknown()),
});
export type FacebookWebhook = z.infer<typeof facebookWebhookSchema>;
/** What Meta sends, as tests and the simulator build it. */
export type FacebookWebhookInput = {
  object: 'page';
  entry: (z.input<typeof facebookEntrySchema> & { changes?: z.input<typeof facebookChangeSchema>[] })[];
};

/** A lead as `GET /{leadgen_id}` returns it (Graph API, page access token with leads_retrieval). */
export const leadgenLeadSchema = z.looseObject({
  id: z.string(),
  /** Graph time, e.g. `2026-11-25T09:30:00+0000`. */
  created_time: z.string(),
  ad_id: z.string().optional(),
  adset_id: z.string().optional(),
  campaign_id: z.string().optional(),
  form_id: z.string().optional(),
  is_organic: z.boolean().optional(),
  platform: z.string().optional(),
  field_data: z.array(z.looseObject({ name: z.string(), values: z.array(z.string()) })),
});
export type LeadgenLead = z.infer<typeof leadgenLeadSchema>;

interface FacebookEventBase {
  pageId: string;
  from?: { id: string; name?: string };
  /** True when the Page itself acted (e.g. the agent replied as the Page): not a lead signal. */
  fromPage: boolean;
  createdAt?: Date;
}

export interface FacebookCommentEvent extends FacebookEventBase {
  kind: 'comment';
  action: 'add' | 'edit' | 'remove';
  commentId: string;
  postId?: string;
  /** Set for replies: the comment being answered. */
  parentCommentId?: string;
  message?: string;
}

export interface FacebookReactionEvent extends FacebookEventBase {
  kind: 'reaction';
  action: 'add' | 'remove';
  /** `like` for a plain like. */
  reactionType: string;
  postId?: string;
  /** Set when the reaction is on a comment rather than the post. */
  commentId?: string;
}

export interface FacebookShareEvent extends FacebookEventBase {
  kind: 'share';
  postId?: string;
  shareId?: string;
  message?: string;
}

export interface FacebookLeadgenEvent {
  kind: 'leadgen';
  pageId: string;
  leadgenId: string;
  formId: string;
  adId?: string;
  adgroupId?: string;
  createdAt: Date;
}

export type FacebookEvent =
  | FacebookCommentEvent
  | FacebookReactionEvent
  | FacebookShareEvent
  | FacebookLeadgenEvent;

const commentActions: Record<string, FacebookCommentEvent['action']> = {
  add: 'add',
  edited: 'edit',
  remove: 'remove',
};
const reactionActions: Record<string, FacebookReactionEvent['action']> = { add: 'add', remove: 'remove' };

const feedEvent = (pageId: string, value: FacebookFeedValue): FacebookEvent | undefined => {
  const base: FacebookEventBase = {
    pageId,
    ...(value.from && {
      from: { id: value.from.id, ...(value.from.name !== undefined && { name: value.from.name }) },
    }),
    fromPage: value.from?.id === pageId,
    ...(value.created_time !== undefined && { createdAt: new Date(value.created_time * 1000) }),
  };
  const postId = value.post_id ?? value.post?.id;
  const withPost = postId !== undefined ? { postId } : {};
  const commentAction = commentActions[value.verb];
  if (value.item === 'comment' && commentAction && value.comment_id) {
    const isReply = value.parent_id !== undefined && value.parent_id !== postId;
    return {
      ...base,
      kind: 'comment',
      action: commentAction,
      commentId: value.comment_id,
      ...withPost,
      ...(isReply && { parentCommentId: value.parent_id }),
      ...(value.message !== undefined && { message: value.message }),
    };
  }
  const reactionAction = reactionActions[value.verb];
  if ((value.item === 'reaction' || value.item === 'like') && reactionAction) {
    return {
      ...base,
      kind: 'reaction',
      action: reactionAction,
      reactionType: value.reaction_type ?? 'like',
      ...withPost,
      ...(value.comment_id !== undefined && { commentId: value.comment_id }),
    };
  }
  if (value.item === 'share' && value.verb === 'add') {
    return {
      ...base,
      kind: 'share',
      ...withPost,
      ...(value.share_id !== undefined && { shareId: value.share_id }),
      ...(value.message !== undefined && { message: value.message }),
    };
  }
  return undefined;
};

/** A change left alone, with why: what the log line says (never the change's content). */
export interface SkippedFacebookChange {
  /** The change's `field` (`feed`, `leadgen`, `ratings`, …), or `entry` for an entry that is not one. */
  field: string;
  reason: string;
}

export interface FacebookDelivery {
  events: FacebookEvent[];
  skipped: SkippedFacebookChange[];
}

/** Where and what kind of problem, never the value: zod messages name types, not content. */
const reasonOf = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'change'}: ${issue.message}`)
    .join('; ');

const fieldOf = (change: unknown): string => {
  const field =
    typeof change === 'object' && change !== null ? (change as { field?: unknown }).field : undefined;
  return typeof field === 'string' ? field.slice(0, 40) : 'unknown';
};

const eventOf = (pageId: string, change: FacebookChange): FacebookEvent | undefined => {
  if (change.field === 'feed') return feedEvent(pageId, change.value);
  const value = change.value;
  return {
    kind: 'leadgen',
    pageId: value.page_id,
    leadgenId: value.leadgen_id,
    formId: value.form_id,
    ...(value.ad_id !== undefined && { adId: value.ad_id }),
    ...(value.adgroup_id !== undefined && { adgroupId: value.adgroup_id }),
    createdAt: new Date(value.created_time * 1000),
  };
};

/**
 * Reads a Page webhook entry by entry and change by change into the events this backend acts on:
 * comments (add/edit/remove), reactions and likes, shares and lead-form submissions. A change of another
 * field, or one whose value is not what Meta documents, is skipped with its reason; feed items we do not
 * act on (posts, photos) are dropped silently, as they are not lead signals.
 */
export const parseFacebookDelivery = (envelope: FacebookWebhook): FacebookDelivery => {
  const events: FacebookEvent[] = [];
  const skipped: SkippedFacebookChange[] = [];
  for (const rawEntry of envelope.entry) {
    const entry = facebookEntrySchema.safeParse(rawEntry);
    if (!entry.success) {
      skipped.push({ field: 'entry', reason: reasonOf(entry.error) });
      continue;
    }
    for (const rawChange of entry.data.changes ?? []) {
      const field = fieldOf(rawChange);
      if (field !== 'feed' && field !== 'leadgen') {
        skipped.push({ field, reason: 'field not handled' });
        continue;
      }
      const change = facebookChangeSchema.safeParse(rawChange);
      if (!change.success) {
        skipped.push({ field, reason: reasonOf(change.error) });
        continue;
      }
      const event = eventOf(entry.data.id, change.data);
      if (event) events.push(event);
    }
  }
  return { events, skipped };
};

/** The events of a delivery, for callers that do not report what was skipped. */
export const parseFacebookEvents = (envelope: FacebookWebhook): FacebookEvent[] =>
  parseFacebookDelivery(envelope).events;

export type CreateLeadInput = z.input<typeof createLeadBody>;

/** Standard lead-form keys that feed the lead's own fields rather than its first message. */
const nameKeys = ['full_name', 'first_name', 'last_name'];
const phoneKeys = ['phone_number', 'work_phone_number'];
const emailKeys = ['email', 'work_email'];
const profileKeys: Record<string, 'job' | 'location' | 'familyStatus'> = {
  job_title: 'job',
  city: 'location',
  marital_status: 'familyStatus',
  relationship_status: 'familyStatus',
};
const limits = { name: 120, phone: 32, email: 254, message: 4000, job: 80, location: 80, familyStatus: 40 };

/** `when_are_you_looking_to_move?` -> `When are you looking to move?` */
const questionLabel = (key: string) => {
  const words = key.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const looksLikeEmail = (text: string) =>
  text.length <= limits.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * Maps a fetched lead-form submission to a create-lead body: name, phone and email from the standard
 * fields, job/city/marital status to the profile, and every other answer (the free-text questions) into
 * the first message as `Question: answer` lines, so scoring and the agent see what the person wrote.
 */
export const leadFromLeadgen = (lead: LeadgenLead): CreateLeadInput => {
  const answers = new Map<string, string>();
  for (const field of lead.field_data) {
    const value = field.values
      .map((v) => v.trim())
      .filter(Boolean)
      .join(', ');
    if (value) answers.set(field.name, value);
  }
  const first = (keys: string[]) => keys.map((k) => answers.get(k)).find((v) => v !== undefined);

  const fullName =
    answers.get('full_name') ??
    [answers.get('first_name'), answers.get('last_name')].filter(Boolean).join(' ');
  const rawPhone = first(phoneKeys);
  const rawEmail = first(emailKeys)?.toLowerCase();
  // An answer the create-lead body would refuse is kept in the message instead of failing the whole lead.
  const phone =
    rawPhone !== undefined && rawPhone.length >= 3 && rawPhone.length <= limits.phone ? rawPhone : undefined;
  const email = rawEmail !== undefined && looksLikeEmail(rawEmail) ? rawEmail : undefined;
  const name = fullName || email?.split('@')[0] || phone || 'Facebook lead';

  const profile: NonNullable<CreateLeadInput['profile']> = {};
  const questions: string[] = [];
  if (rawPhone !== undefined && phone === undefined) questions.push(`Phone: ${rawPhone}`);
  if (rawEmail !== undefined && email === undefined) questions.push(`Email: ${rawEmail}`);
  for (const [key, value] of answers) {
    if (nameKeys.includes(key) || phoneKeys.includes(key) || emailKeys.includes(key)) continue;
    const profileField = profileKeys[key];
    if (profileField) {
      profile[profileField] ??= clip(value, limits[profileField]);
      continue;
    }
    questions.push(`${questionLabel(key)}: ${value}`);
  }

  return {
    name: clip(name, limits.name),
    ...(phone !== undefined && { phone }),
    ...(email !== undefined && { email }),
    source: 'facebook_lead_ad',
    ...(questions.length > 0 && { message: clip(questions.join('\n'), limits.message) }),
    ...(Object.keys(profile).length > 0 && { profile }),
  };
};
