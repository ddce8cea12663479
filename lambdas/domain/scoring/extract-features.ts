import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { ContentAnalysis, ContentIntent, FactorValues, ScoringFactor } from '../../../schemas/scoring';
import { type BudgetFit, budgetFitFor } from './budget-fit';
import { formatMoney } from './format-money';
import { withoutDirectedSentences } from './instructions-in-text';
import { leadSignals, type Signal } from './lead-signals';
import { leadTimeZoneFor } from './lead-time-zone-for';
import { type LocalTime, localTimeIn } from './local-time';
import { normalizeText } from './normalize-text';
import { readTimeline, type TimelineFacts } from './read-timeline';
import { SOURCE_QUALITY } from './source-quality';

/** The parts of a lead that scoring reads. */
export type ScorableLead = Pick<
  Lead,
  | 'name'
  | 'source'
  | 'initialMessage'
  | 'propertyInterest'
  | 'profile'
  | 'engagement'
  | 'createdAt'
  | 'consent'
> &
  Partial<Pick<Lead, 'leadId' | 'phone'>> & {
    /** IANA zone of the lead, when known; else their phone number's country tells it. */
    timezone?: string;
  };

export interface FeatureInput {
  lead: ScorableLead;
  interactions: readonly Interaction[];
  analysis: ContentAnalysis;
  /** IANA zone of the agent: the lead's zone when neither the lead nor their number tells one. */
  agentTimeZone: string;
  /** What buyers in the area typically spend, in the property's currency; used when the lead gave no budget. */
  typicalLocalBudget?: number;
  /** Length of the lead's words as analysed; defaults to the first message's. */
  textLength?: number;
  now: Date;
}

export interface LeadFeatures {
  /** One value in 0..1 per factor; what the prior scores and learning records at outcome time. */
  values: FactorValues;
  /** What the lead shows, one name per signal: the unit the learned model weighs. */
  signals: Signal[];
  /** One plain sentence per factor. */
  reasons: Record<ScoringFactor, string>;
  /** Share of the signals that were actually known (0..1), which feeds confidence. */
  coverage: number;
  hasMessage: boolean;
  timeline: TimelineFacts;
  budgetFit: BudgetFit;
}

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;

const INTENT_WEIGHTS: Record<ContentIntent, number> = {
  viewing: 0.45,
  negotiation: 0.35,
  financing: 0.3,
  price: 0.25,
  availability: 0.25,
  location: 0.15,
  features: 0.15,
};

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

const sentence = (parts: string[]): string => {
  const text =
    parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const times = (n: number, one: string, many: string): string =>
  n === 1 ? one : n === 2 ? `${many} twice` : `${many} ${n} times`;

const duration = (minutes: number): string => {
  if (minutes < 60) {
    const whole = Math.max(1, Math.round(minutes));
    return `${whole} minute${whole === 1 ? '' : 's'}`;
  }
  if (minutes < 48 * 60)
    return `${Math.round(minutes / 60)} hour${Math.round(minutes / 60) === 1 ? '' : 's'}`;
  return `${Math.round(minutes / 1440)} days`;
};

const contentFactor = (analysis: ContentAnalysis, hasMessage: boolean): [number, string] => {
  if (!hasMessage) return [0.15, 'No message from the lead yet'];
  let intentScore = 0;
  for (const intent of analysis.intents) intentScore += INTENT_WEIGHTS[intent];
  const value =
    0.25 * analysis.urgency +
    0.25 * Math.min(1, intentScore) +
    0.15 * (analysis.budget ? 1 : 0) +
    0.2 * analysis.seriousness +
    0.15 * analysis.authority;

  const parts: string[] = [];
  const intents = analysis.intents;
  const when =
    analysis.timeframe === 'immediate' ? ' today' : analysis.timeframe === 'this_week' ? ' this week' : '';
  if (intents.includes('viewing')) parts.push(`asked to view${when}`);
  else if (analysis.timeframe === 'immediate') parts.push('needs it urgently');
  else if (analysis.timeframe === 'this_week') parts.push('wants to move this week');
  else if (analysis.timeframe === 'this_month') parts.push('plans to move this month');
  else if (analysis.timeframe === 'later') parts.push('says there is no rush');
  if (intents.includes('price')) parts.push('asked about the price');
  else if (intents.includes('availability')) parts.push('asked if it is available');
  else if (intents.includes('negotiation')) parts.push('talked about an offer');
  if (analysis.budget) {
    const amount = analysis.budget.max ?? analysis.budget.min!;
    parts.push(`named a budget of ${formatMoney(amount, analysis.budget.currency)}`);
  }
  if (analysis.financing === 'cash') parts.push('is paying cash');
  else if (analysis.financing === 'pre_approved') parts.push('is pre-approved');
  if (analysis.authority <= 0.35) parts.push('is asking for someone else');
  if (parts.length === 0) {
    return [
      value,
      analysis.seriousness < 0.25
        ? 'Reads as casual interest, with no question or timeframe'
        : 'Message has no specific question, budget or timeframe',
    ];
  }
  return [value, sentence(parts.slice(0, 3))];
};

const engagementFactor = (lead: ScorableLead, timeline: TimelineFacts): [number, string] => {
  const { likes, shares } = lead.engagement;
  const comments = Math.max(lead.engagement.comments, timeline.comments);
  const replies = Math.max(lead.engagement.replies, timeline.replies);
  const points =
    0.3 * Math.min(likes, 10) +
    1.2 * Math.min(shares, 5) +
    Math.min(comments, 6) +
    (comments >= 2 ? 1 : 0) +
    1.5 * Math.min(replies, 8);
  const value = 1 - Math.exp(-points / 5);

  const parts: string[] = [];
  if (replies > 0) parts.push(times(replies, 'replied once', 'replied'));
  if (comments >= 2) parts.push(`commented ${comments} times`);
  else if (comments === 1) parts.push('commented once');
  if (shares > 0) parts.push(shares === 1 ? 'shared a post' : `shared ${shares} posts`);
  if (likes > 0) parts.push(likes === 1 ? 'liked a post' : `liked ${likes} posts`);
  return [
    value,
    parts.length === 0 ? 'No likes, shares, comments or replies yet' : sentence(parts.slice(0, 3)),
  ];
};

const inquiryTiming = ({ hour, weekday }: LocalTime): [number, string] => {
  if (hour >= 9 && hour < 18) {
    return weekday <= 5 ? [0.8, 'inquired during business hours'] : [0.75, 'inquired on a weekend daytime'];
  }
  if (hour >= 18 && hour < 22) return [0.6, 'inquired in the evening'];
  if (hour >= 7 && hour < 9) return [0.55, 'inquired early in the morning'];
  return [0.3, 'inquired late at night'];
};

const timingFactor = (inquiryAt: LocalTime, timeline: TimelineFacts, now: number) => {
  const [inquiry, inquiryReason] = inquiryTiming(inquiryAt);
  const outreach = timeline.firstOutboundAt;
  if (outreach === undefined)
    return { value: inquiry, reason: sentence([inquiryReason]), responseKnown: false };
  if (timeline.firstReplyAt !== undefined) {
    const minutes = (timeline.firstReplyAt - outreach) / MINUTE;
    // Halves at about four hours and keeps falling: a same-hour reply is a strong signal.
    const response = (1 + minutes / 180) ** -0.6;
    return {
      value: 0.65 * response + 0.35 * inquiry,
      reason: sentence([`replied ${duration(minutes)} after your first message`, inquiryReason]),
      responseKnown: true,
    };
  }
  const waited = now - outreach;
  if (waited < DAY) {
    return {
      value: inquiry,
      reason: sentence(['waiting for a reply to your message', inquiryReason]),
      responseKnown: false,
    };
  }
  const response = 0.25 * (waited / DAY) ** -0.5;
  return {
    value: 0.65 * response + 0.35 * inquiry,
    reason: sentence([`no reply ${duration(waited / MINUTE)} after your first message`, inquiryReason]),
    responseKnown: true,
  };
};

/** Characters of the lead's first words as analysed: their initial message, else their first inbound text. */
const openingLengthOf = (lead: ScorableLead, interactions: readonly Interaction[]): number => {
  let text = lead.initialMessage;
  if (!text?.trim()) {
    let firstAt = Number.POSITIVE_INFINITY;
    for (const item of interactions) {
      const at = Date.parse(item.occurredAt);
      if (item.direction === 'inbound' && item.text?.trim() && at < firstAt) {
        firstAt = at;
        text = item.text;
      }
    }
  }
  return text ? withoutDirectedSentences(normalizeText(text)).length : 0;
};

const sameArea = (a: string, b: string): boolean => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.includes(y) || y.includes(x);
};

const profileFactor = (lead: ScorableLead, fit: BudgetFit): [number, string, number, boolean] => {
  const profile = lead.profile;
  const known: string[] = [];
  let details = 0;
  let local = false;
  if (profile?.job) {
    details += 0.2;
    known.push('job');
  }
  if (profile?.location) {
    const area = lead.propertyInterest?.area;
    local = area !== undefined && sameArea(profile.location, area);
    details += local ? 0.2 : 0.15;
    known.push('location');
  }
  if (profile?.familyStatus) {
    details += 0.15;
    known.push('family status');
  }
  const value = Math.min(details, 0.5) + 0.5 * fit.fit;
  const knownText = known.length > 0 ? `; ${sentence(known).toLowerCase()} known` : '';
  if (fit.source === 'unknown' && known.length === 0) {
    return [value, 'Nothing known yet about their job, location, family or budget', details, local];
  }
  return [value, `${fit.reason}${knownText}`, details, local];
};

/**
 * Turns a lead, its timeline and the content analysis into the five factor values (0..1) with
 * a plain-words reason each. Pure and allocation-light: it runs once per scoring and in bulk.
 */
export const extractFeatures = (input: FeatureInput): LeadFeatures => {
  const { lead, analysis } = input;
  const now = input.now.getTime();
  const timeline = readTimeline(input.interactions, now);
  const hasMessage = (lead.initialMessage?.trim().length ?? 0) > 0 || timeline.messagesWithText > 0;
  const budgetFit = budgetFitFor(lead, analysis, input.typicalLocalBudget);

  const [content, contentReason] = contentFactor(analysis, hasMessage);
  // A lead who asked us to stop writing is not engaging, however quickly the STOP came back.
  const optedOut = lead.consent?.whatsapp === 'opted_out';
  const [engagement, engagementReason] = optedOut
    ? [0, 'Asked to stop WhatsApp messages']
    : engagementFactor(lead, timeline);
  // "Late at night" is the lead's night: a Dubai lead writing at 10:00 is not late because the agent is in New York.
  const inquiryAt = localTimeIn(leadTimeZoneFor(lead, input.agentTimeZone), Date.parse(lead.createdAt));
  const measuredTiming = timingFactor(inquiryAt, timeline, now);
  const timing = optedOut
    ? {
        ...measuredTiming,
        value: measuredTiming.value / 2,
        reason: `${measuredTiming.reason}, then opted out`,
      }
    : measuredTiming;
  const source = SOURCE_QUALITY[lead.source];
  const [profile, profileReason, profileDetails, localToArea] = profileFactor(lead, budgetFit);
  const signals = leadSignals({
    source: lead.source,
    analysis,
    hasMessage,
    textLength: input.textLength ?? lead.initialMessage?.length ?? 0,
    openingLength: analysis.intents.includes('price') ? openingLengthOf(lead, input.interactions) : 0,
    engagement: {
      likes: lead.engagement.likes,
      shares: lead.engagement.shares,
      comments: Math.max(lead.engagement.comments, timeline.comments),
      replies: Math.max(lead.engagement.replies, timeline.replies),
    },
    optedOut,
    timeline,
    inquiry: inquiryAt,
    now,
    budgetFit,
    profile: {
      job: Boolean(lead.profile?.job),
      location: Boolean(lead.profile?.location),
      localToArea,
      family: Boolean(lead.profile?.familyStatus),
    },
  });

  const coverage =
    ((hasMessage ? 1 : 0) +
      (timing.responseKnown ? 1 : 0) +
      (engagement > 0 || timeline.inbound > 0 ? 1 : 0) +
      (profileDetails > 0 ? 1 : 0) +
      (budgetFit.source !== 'unknown' ? 1 : 0)) /
    5;

  return {
    values: {
      content: round3(clamp01(content)),
      engagement: round3(clamp01(engagement)),
      timing: round3(clamp01(timing.value)),
      source: source.value,
      profile: round3(clamp01(profile)),
    },
    signals,
    reasons: {
      content: contentReason,
      engagement: engagementReason,
      timing: timing.reason,
      source: source.reason,
      profile: profileReason,
    },
    coverage,
    hasMessage,
    timeline,
    budgetFit,
  };
};
