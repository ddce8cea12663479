import { describe, expect, it } from 'vitest';
import { buildInsights } from '../../../../lambdas/domain/scoring/build-insights';
import { analyzeContent } from '../../../../lambdas/domain/scoring/heuristic-content-analyzer';
import { insightsSchema, type LeadScore } from '../../../../schemas/scoring';
import { aLead, anAnalysis, anInteraction, at } from './fixtures';

const score: Pick<LeadScore, 'score' | 'temperature' | 'scoredAt'> = {
  score: 74,
  temperature: 'hot',
  scoredAt: at(60 * 24).toISOString(),
};

describe('buildInsights', () => {
  const message =
    'We want to view a 3-bed villa in Riverside this weekend, budget between 400 and 500k, cash buyer';
  const lead = aLead({
    initialMessage: message,
    propertyInterest: { price: 450_000, currency: 'USD', area: 'Old Town', propertyType: 'townhouse' },
  });
  const timeline = [
    anInteraction(1, { type: 'comment', direction: 'inbound', text: 'Interested!' }),
    anInteraction(10, {
      type: 'whatsapp',
      direction: 'outbound',
      text: 'Hi Dana, thanks for your interest!',
    }),
    anInteraction(25, { type: 'whatsapp', direction: 'inbound', text: 'Can we see it Saturday morning?' }),
    anInteraction(40, { type: 'call', direction: 'outbound', text: 'Left a voicemail' }),
    anInteraction(45, { type: 'note', direction: 'internal', text: 'Prefers mornings' }),
    anInteraction(50, { type: 'system', direction: 'internal', text: 'Score updated' }),
  ];
  const insights = buildInsights(lead, timeline, analyzeContent({ text: message }), score);

  it('gives the budget, how it fits the price, urgency and financing', () => {
    expect(insightsSchema.parse(insights)).toEqual(insights);
    expect(insights.budget).toEqual({
      min: 400_000,
      max: 500_000,
      currency: 'USD',
      source: 'messages',
      fitsProperty: 'within',
    });
    expect(insights.urgency).toMatchObject({ level: 'high', timeframe: 'this_week' });
    expect(insights.financing).toBe('cash');
  });

  it('prefers what the lead said over the listing they first asked about', () => {
    expect(insights.preferences).toEqual({ area: 'Riverside', propertyType: 'villa', bedrooms: 3 });
  });

  it('summarises every touchpoint by type and channel, with the latest each way', () => {
    expect(insights.touchpoints).toMatchObject({
      total: 6,
      inbound: 2,
      outbound: 2,
      byType: { comment: 1, whatsapp: 2, call: 1, note: 1, system: 1 },
      byChannel: { facebook: 1, whatsapp: 2, phone: 1, email: 0, in_person: 0 },
      firstReplyMinutes: 15,
      lastInbound: { type: 'whatsapp', excerpt: 'Can we see it Saturday morning?' },
      lastOutbound: { type: 'call', excerpt: 'Left a voicemail' },
    });
  });

  it('lists the most recent touchpoints newest first, without system events', () => {
    expect(insights.touchpoints.recent.map((t) => t.excerpt)).toEqual([
      'Prefers mornings',
      'Left a voicemail',
      'Can we see it Saturday morning?',
      'Hi Dana, thanks for your interest!',
      'Interested!',
    ]);
  });

  it('puts the next best action first: answer the unanswered viewing request', () => {
    expect(insights.nextBestAction?.action).toBe('schedule_viewing');
    expect(insights.recommendedActions[0]).toEqual(insights.nextBestAction);
  });

  it('shortens long messages to an excerpt', () => {
    const long = buildInsights(
      lead,
      [anInteraction(5, { type: 'email', direction: 'inbound', text: 'word '.repeat(100) })],
      anAnalysis(),
      score,
    );

    expect(long.touchpoints.lastInbound?.excerpt?.length).toBeLessThanOrEqual(120);
  });

  it('asks for a reply when the latest message from the lead is unanswered', () => {
    const waiting = buildInsights(
      lead,
      [
        anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi!' }),
        anInteraction(20, { type: 'whatsapp', direction: 'inbound', text: 'What is the price?' }),
      ],
      anAnalysis({ intents: ['price'] }),
      score,
    );

    expect(waiting.nextBestAction).toMatchObject({ action: 'reply_now', channel: 'call' });
    expect(waiting.recommendedActions.map((a) => a.action)).toContain('send_price_details');
  });

  it('suggests a follow-up when the lead went quiet after your message', () => {
    const quiet = buildInsights(
      lead,
      [anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi!' })],
      anAnalysis(),
      { ...score, temperature: 'warm' },
      { now: at(60 * 24 * 3) },
    );

    expect(quiet.recommendedActions).toContainEqual(
      expect.objectContaining({ action: 'follow_up', why: 'No reply for 2 days' }),
    );
  });
});
