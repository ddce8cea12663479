import type { Lead } from '../../../schemas/api/leads';
import type { Interaction, InteractionType } from '../../../schemas/api/timeline';
import {
  type ContentAnalysis,
  type Insights,
  type LeadScore,
  type Touchpoint,
  touchpointChannels,
} from '../../../schemas/scoring';
import { budgetFitFor } from './budget-fit';
import { normalizeText, truncateText } from './normalize-text';
import { readTimeline } from './read-timeline';
import { recommendActions } from './recommend-actions';

const RECENT_TOUCHPOINTS = 5;
const EXCERPT_CHARS = 120;

const CHANNEL_OF: Partial<Record<InteractionType, (typeof touchpointChannels)[number]>> = {
  comment: 'facebook',
  whatsapp: 'whatsapp',
  call: 'phone',
  email: 'email',
  meeting: 'in_person',
};

const touchpoint = (item: Interaction): Touchpoint => {
  const excerpt = item.text ? truncateText(normalizeText(item.text).replace(/\n+/g, ' '), EXCERPT_CHARS) : '';
  return {
    at: item.occurredAt,
    type: item.type,
    direction: item.direction,
    ...(excerpt ? { excerpt } : {}),
  };
};

/**
 * What an agent wants to know before calling: budget, urgency, preferences, every touchpoint in
 * brief and the next best action. Pure: it reads the lead, its timeline, the content analysis
 * and the latest score; `now` defaults to when that score was taken.
 */
export const buildInsights = (
  lead: Pick<Lead, 'leadId' | 'name' | 'profile' | 'propertyInterest'>,
  interactions: readonly Interaction[],
  analysis: ContentAnalysis,
  score: Pick<LeadScore, 'score' | 'temperature' | 'scoredAt'>,
  options: { now?: Date } = {},
): Insights => {
  const now = (options.now ?? new Date(score.scoredAt)).getTime();
  const timeline = readTimeline(interactions, Number.POSITIVE_INFINITY);
  const fit = budgetFitFor(lead, analysis);

  const byType: Record<string, number> = {};
  const byChannel = Object.fromEntries(
    touchpointChannels.map((c) => [c, 0]),
  ) as Insights['touchpoints']['byChannel'];
  let lastInbound: Interaction | undefined;
  let lastOutbound: Interaction | undefined;
  const newestFirst = [...interactions].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  for (const item of newestFirst) {
    byType[item.type] = (byType[item.type] ?? 0) + 1;
    const channel = CHANNEL_OF[item.type];
    if (channel && item.direction !== 'internal') byChannel[channel]++;
    if (item.direction === 'inbound') lastInbound ??= item;
    if (item.direction === 'outbound') lastOutbound ??= item;
  }
  const recent = newestFirst
    .filter((item) => item.type !== 'system')
    .slice(0, RECENT_TOUCHPOINTS)
    .map(touchpoint);

  const actions = recommendActions({
    leadName: lead.name,
    analysis,
    timeline,
    budgetFit: fit,
    temperature: score.temperature,
    now,
  });
  const interest = lead.propertyInterest;
  const preferences = {
    ...(interest?.area ? { area: interest.area } : {}),
    ...(interest?.propertyType ? { propertyType: interest.propertyType } : {}),
    ...(interest?.bedrooms !== undefined ? { bedrooms: interest.bedrooms } : {}),
    // What the lead said in their own words wins over the listing they first asked about.
    ...analysis.preferences,
  };
  const firstReply =
    timeline.firstOutboundAt !== undefined && timeline.firstReplyAt !== undefined
      ? Math.round((timeline.firstReplyAt - timeline.firstOutboundAt) / 60_000)
      : undefined;

  return {
    leadId: lead.leadId,
    score: score.score,
    temperature: score.temperature,
    budget: {
      ...(fit.min !== undefined ? { min: fit.min } : {}),
      ...(fit.max !== undefined ? { max: fit.max } : {}),
      ...(fit.currency ? { currency: fit.currency } : {}),
      source: fit.source === 'typical' ? 'unknown' : fit.source,
      fitsProperty: fit.status,
    },
    urgency: {
      level: analysis.urgency >= 0.7 ? 'high' : analysis.urgency >= 0.4 ? 'medium' : 'low',
      timeframe: analysis.timeframe,
      value: analysis.urgency,
    },
    financing: analysis.financing,
    intents: analysis.intents,
    preferences,
    touchpoints: {
      total: interactions.length,
      inbound: timeline.inbound,
      outbound: timeline.outbound,
      byType,
      byChannel,
      ...(firstReply !== undefined ? { firstReplyMinutes: firstReply } : {}),
      ...(lastInbound ? { lastInbound: touchpoint(lastInbound) } : {}),
      ...(lastOutbound ? { lastOutbound: touchpoint(lastOutbound) } : {}),
      recent,
    },
    nextBestAction: actions[0] ?? null,
    recommendedActions: actions,
    provider: analysis.provider,
    generatedAt: new Date(now).toISOString(),
  };
};
