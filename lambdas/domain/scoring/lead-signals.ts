import type { LeadSource } from '../../../schemas/api/leads';
import type { ContentAnalysis, ScoringFactor } from '../../../schemas/scoring';
import type { BudgetFit } from './budget-fit';
import type { LocalTime } from './local-time';
import type { TimelineFacts } from './read-timeline';

// The unit of learning: each thing the analyzers and the timeline can say about a lead is one
// signal, named `<factor>.<what>`, so a model can learn that here a Facebook comment converts
// like a referral or that "price?" alone is a strong sign. The list is fixed, which keeps the
// learned model's document the same size whatever the volume.

/** Every signal and how the app names the leads that show it ("Facebook comments convert well here"). */
export const SIGNAL_LABELS = {
  'content.no_message': 'Leads who sent no message',
  'content.viewing': 'Leads asking for a viewing',
  'content.price': 'Leads asking the price',
  'content.price_only': 'Leads asking only the price',
  'content.availability': 'Leads asking if it is available',
  'content.financing': 'Leads asking about financing',
  'content.location': 'Leads asking about the location',
  'content.features': 'Leads asking about features',
  'content.negotiation': 'Leads talking about an offer',
  'content.immediate': 'Leads who need it now',
  'content.this_week': 'Leads moving this week',
  'content.this_month': 'Leads moving this month',
  'content.later': 'Leads in no rush',
  'content.cash': 'Cash buyers',
  'content.pre_approved': 'Pre-approved buyers',
  'content.mortgage_needed': 'Leads needing a mortgage',
  'content.budget_stated': 'Leads who named a budget',
  'content.for_someone_else': 'Leads asking for someone else',
  'content.casual': 'Casual "just looking" messages',
  'content.arabic': 'Messages in Arabic',
  'content.english': 'Messages in English',
  'content.other_language': 'Messages in other languages',
  'content.short': 'Very short messages',
  'content.long': 'Long, detailed messages',
  'source.referral': 'Referrals',
  'source.walk_in': 'Walk-ins',
  'source.phone_call': 'Phone-ins',
  'source.direct': 'Direct contacts',
  'source.whatsapp': 'WhatsApp inquiries',
  'source.portal': 'Portal inquiries',
  'source.website': 'Website inquiries',
  'source.facebook_lead_ad': 'Facebook lead forms',
  'source.other': 'Leads from other sources',
  'source.facebook_comment': 'Facebook comments',
  'engagement.no_replies': 'Leads who never replied',
  'engagement.one_reply': 'Leads who replied once',
  'engagement.some_replies': 'Leads who replied 2-3 times',
  'engagement.many_replies': 'Leads who replied 4+ times',
  'engagement.one_comment': 'Leads who commented once',
  'engagement.repeat_comments': 'Repeat commenters',
  'engagement.some_likes': 'Leads who liked 1-3 posts',
  'engagement.many_likes': 'Leads who liked 4+ posts',
  'engagement.shared': 'Leads who shared a post',
  'engagement.opted_out': 'Leads who opted out of WhatsApp',
  'timing.reply_15m': 'Replies within 15 minutes',
  'timing.reply_1h': 'Replies within an hour',
  'timing.reply_4h': 'Replies within 4 hours',
  'timing.reply_1d': 'Replies within a day',
  'timing.reply_slow': 'Replies after a day or more',
  'timing.no_reply': 'Leads silent for a day after outreach',
  'timing.business_hours': 'Weekday business-hours inquiries',
  'timing.weekend_day': 'Weekend daytime inquiries',
  'timing.evening': 'Evening inquiries',
  'timing.early_morning': 'Early-morning inquiries',
  'timing.night': 'Late-night inquiries',
  'profile.within_budget': 'Leads whose budget covers the price',
  'profile.above_budget': 'Leads priced above their budget',
  'profile.below_budget': 'Leads with a budget well above the price',
  'profile.budget_unknown': 'Leads with no usable budget',
  'profile.job_known': 'Leads whose job is known',
  'profile.local': 'Leads living in the area they ask about',
  'profile.location_known': 'Leads whose location is known',
  'profile.family_known': 'Leads whose family status is known',
} as const;

export type Signal = keyof typeof SIGNAL_LABELS;
export const SIGNALS = Object.keys(SIGNAL_LABELS) as Signal[];

/** The factor a signal explains: the part before the dot. */
export const factorOf = (signal: string): ScoringFactor =>
  signal.slice(0, signal.indexOf('.')) as ScoringFactor;

const isSignal = (key: string): key is Signal => Object.hasOwn(SIGNAL_LABELS, key);

/** Keeps only known signals: a stored list from an older vocabulary never reaches the model. */
export const knownSignals = (keys: readonly string[]): Signal[] => keys.filter(isSignal);

export interface SignalInput {
  source: LeadSource;
  analysis: ContentAnalysis;
  hasMessage: boolean;
  /** Characters of the lead's own words. */
  textLength: number;
  /** Characters of the lead's opening message (their first words, before any reply). */
  openingLength: number;
  engagement: { likes: number; shares: number; comments: number; replies: number };
  optedOut: boolean;
  timeline: TimelineFacts;
  /** When the lead first wrote, in their own time zone. */
  inquiry: LocalTime;
  now: number;
  budgetFit: BudgetFit;
  profile: { job: boolean; location: boolean; localToArea: boolean; family: boolean };
}

const MINUTE = 60_000;
/** An opening shorter than this is one bare question ("price?", "how much?", "كم السعر؟"). */
const BARE_QUESTION_CHARS = 25;
const DAY = 1_440 * MINUTE;

const contentSignals = (input: SignalInput, out: Signal[]): void => {
  const { analysis } = input;
  if (!input.hasMessage) {
    out.push('content.no_message');
    return;
  }
  for (const intent of analysis.intents) out.push(`content.${intent}`);
  // "price?" on its own, a bare one-line question, reads differently from a price asked among details.
  if (
    input.openingLength > 0 &&
    input.openingLength < BARE_QUESTION_CHARS &&
    analysis.intents.includes('price')
  )
    out.push('content.price_only');
  if (analysis.timeframe !== 'unspecified') out.push(`content.${analysis.timeframe}`);
  if (analysis.financing !== 'unknown') out.push(`content.${analysis.financing}`);
  if (analysis.budget) out.push('content.budget_stated');
  if (analysis.authority <= 0.35) out.push('content.for_someone_else');
  if (analysis.seriousness < 0.25) out.push('content.casual');
  out.push(
    analysis.language === 'ar'
      ? 'content.arabic'
      : analysis.language === 'en'
        ? 'content.english'
        : 'content.other_language',
  );
  if (input.textLength < 25) out.push('content.short');
  else if (input.textLength >= 160) out.push('content.long');
};

const engagementSignals = ({ engagement, optedOut }: SignalInput, out: Signal[]): void => {
  if (optedOut) out.push('engagement.opted_out');
  const { replies, comments, likes, shares } = engagement;
  out.push(
    replies === 0
      ? 'engagement.no_replies'
      : replies === 1
        ? 'engagement.one_reply'
        : replies <= 3
          ? 'engagement.some_replies'
          : 'engagement.many_replies',
  );
  if (comments === 1) out.push('engagement.one_comment');
  else if (comments >= 2) out.push('engagement.repeat_comments');
  if (likes >= 4) out.push('engagement.many_likes');
  else if (likes >= 1) out.push('engagement.some_likes');
  if (shares >= 1) out.push('engagement.shared');
};

const timingSignals = ({ timeline, inquiry, now }: SignalInput, out: Signal[]): void => {
  const outreach = timeline.firstOutboundAt;
  if (outreach !== undefined && timeline.firstReplyAt !== undefined) {
    const minutes = (timeline.firstReplyAt - outreach) / MINUTE;
    out.push(
      minutes <= 15
        ? 'timing.reply_15m'
        : minutes <= 60
          ? 'timing.reply_1h'
          : minutes <= 240
            ? 'timing.reply_4h'
            : minutes <= 1_440
              ? 'timing.reply_1d'
              : 'timing.reply_slow',
    );
  } else if (outreach !== undefined && now - outreach >= DAY) out.push('timing.no_reply');
  const { hour, weekday } = inquiry;
  out.push(
    hour >= 9 && hour < 18
      ? weekday <= 5
        ? 'timing.business_hours'
        : 'timing.weekend_day'
      : hour >= 18 && hour < 22
        ? 'timing.evening'
        : hour >= 7 && hour < 9
          ? 'timing.early_morning'
          : 'timing.night',
  );
};

const profileSignals = ({ budgetFit, profile }: SignalInput, out: Signal[]): void => {
  out.push(
    budgetFit.status === 'within'
      ? 'profile.within_budget'
      : budgetFit.status === 'above_budget'
        ? 'profile.above_budget'
        : budgetFit.status === 'below_budget'
          ? 'profile.below_budget'
          : 'profile.budget_unknown',
  );
  if (profile.job) out.push('profile.job_known');
  if (profile.localToArea) out.push('profile.local');
  else if (profile.location) out.push('profile.location_known');
  if (profile.family) out.push('profile.family_known');
};

/** The signals a lead shows, in factor order; what a model learns from when the lead closes. */
export const leadSignals = (input: SignalInput): Signal[] => {
  const out: Signal[] = [];
  contentSignals(input, out);
  engagementSignals(input, out);
  timingSignals(input, out);
  out.push(`source.${input.source}`);
  profileSignals(input, out);
  return out;
};
