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
  // Built inside each test, so what a test asserts is what that test's run of the code produced.
  const insightsOf = () => buildInsights(lead, timeline, analyzeContent({ text: message }), score);

  it('gives the budget, how it fits the price, urgency and financing', () => {
    const insights = insightsOf();
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
    const insights = insightsOf();
    expect(insights.preferences).toEqual({ area: 'Riverside', propertyType: 'villa', bedrooms: 3 });
  });

  it('summarises every touchpoint by type and channel, with the latest each way', () => {
    const insights = insightsOf();
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
    const insights = insightsOf();
    expect(insights.touchpoints.recent.map((t) => t.excerpt)).toEqual([
      'Prefers mornings',
      'Left a voicemail',
      'Can we see it Saturday morning?',
      'Hi Dana, thanks for your interest!',
      'Interested!',
    ]);
  });

  it('puts the next best action first: answer the unanswered viewing request', () => {
    const insights = insightsOf();
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

  it('takes the time of the score as now unless told otherwise', () => {
    const lead = aLead();

    expect(buildInsights(lead, [], anAnalysis(), score).generatedAt).toBe(score.scoredAt);
    expect(buildInsights(lead, [], anAnalysis(), score, { now: at(90) }).generatedAt).toBe(
      at(90).toISOString(),
    );
  });

  it('carries the lead, score, financing, intents and provider through', () => {
    const insights = buildInsights(
      aLead(),
      [],
      anAnalysis({ financing: 'mortgage_needed', intents: ['price', 'viewing'], provider: 'bedrock' }),
      { ...score, score: 41, temperature: 'warm' },
    );

    expect(insights).toMatchObject({
      leadId: aLead().leadId,
      score: 41,
      temperature: 'warm',
      financing: 'mortgage_needed',
      intents: ['price', 'viewing'],
      provider: 'bedrock',
    });
  });

  it.each([
    [1, 'high'],
    [0.7, 'high'],
    [0.69, 'medium'],
    [0.4, 'medium'],
    [0.39, 'low'],
    [0, 'low'],
  ] as const)('rates an urgency of %d %s', (urgency, level) => {
    const insights = buildInsights(aLead(), [], anAnalysis({ urgency, timeframe: 'later' }), score);

    expect(insights.urgency).toEqual({ level, timeframe: 'later', value: urgency });
  });

  it("gives the profile's budget against the listing's price, in the listing's currency", () => {
    const lead = aLead({
      profile: { budgetMin: 300_000, budgetMax: 350_000 },
      propertyInterest: { price: 450_000, currency: 'EUR' },
    });

    expect(buildInsights(lead, [], anAnalysis(), score).budget).toStrictEqual({
      min: 300_000,
      max: 350_000,
      currency: 'EUR',
      source: 'profile',
      fitsProperty: 'above_budget',
    });
  });

  it('says the budget is unknown when no one stated one, with no amounts', () => {
    const lead = aLead({ propertyInterest: { price: 450_000, currency: 'USD' } });

    expect(buildInsights(lead, [], anAnalysis(), score).budget).toStrictEqual({
      source: 'unknown',
      fitsProperty: 'unknown',
    });
  });

  it('takes preferences from the listing the lead asked about when they said none', () => {
    const lead = aLead({ propertyInterest: { area: 'Old Town', propertyType: 'studio', bedrooms: 0 } });

    expect(buildInsights(lead, [], anAnalysis(), score).preferences).toStrictEqual({
      area: 'Old Town',
      propertyType: 'studio',
      bedrooms: 0,
    });
    expect(buildInsights(aLead(), [], anAnalysis(), score).preferences).toStrictEqual({});
  });

  it('counts emails and meetings on their channels, and nothing internal on any channel', () => {
    const insights = buildInsights(
      aLead(),
      [
        anInteraction(1, { type: 'email', direction: 'inbound', text: 'Details please' }),
        anInteraction(2, { type: 'meeting', direction: 'outbound' }),
        anInteraction(3, { type: 'whatsapp', direction: 'internal', text: 'Template approved' }),
        anInteraction(4, { type: 'consent', direction: 'inbound', text: 'Opted in' }),
      ],
      anAnalysis(),
      score,
    );

    expect(insights.touchpoints).toMatchObject({
      total: 4,
      inbound: 1,
      outbound: 1,
      byType: { email: 1, meeting: 1, whatsapp: 1, consent: 1 },
      byChannel: { facebook: 0, whatsapp: 0, phone: 0, email: 1, in_person: 1 },
      lastInbound: { type: 'consent', direction: 'inbound', excerpt: 'Opted in' },
      lastOutbound: { type: 'meeting', direction: 'outbound' },
    });
    expect(insights.touchpoints.lastOutbound).not.toHaveProperty('excerpt');
  });

  it('gives no reply time, and no latest message either way, before there is one', () => {
    const none = buildInsights(aLead(), [], anAnalysis(), score);
    const unanswered = buildInsights(
      aLead(),
      [anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' })],
      anAnalysis(),
      score,
    );
    const unprompted = buildInsights(
      aLead(),
      [anInteraction(10, { type: 'whatsapp', direction: 'inbound', text: 'Hi' })],
      anAnalysis(),
      score,
    );

    expect(none.touchpoints).toStrictEqual({
      total: 0,
      inbound: 0,
      outbound: 0,
      byType: {},
      byChannel: { facebook: 0, whatsapp: 0, phone: 0, email: 0, in_person: 0 },
      recent: [],
    });
    expect(unanswered.touchpoints).not.toHaveProperty('firstReplyMinutes');
    expect(unanswered.touchpoints).not.toHaveProperty('lastInbound');
    expect(unprompted.touchpoints).not.toHaveProperty('firstReplyMinutes');
    expect(unprompted.touchpoints).not.toHaveProperty('lastOutbound');
  });

  it('rounds the reply time to whole minutes', () => {
    const outreach = anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' });
    const reply = {
      ...anInteraction(0, { type: 'whatsapp', direction: 'inbound', text: 'Hi!' }),
      occurredAt: new Date(at(10).getTime() + 7 * 60_000 + 40_000).toISOString(),
    };

    expect(buildInsights(aLead(), [reply, outreach], anAnalysis(), score).touchpoints.firstReplyMinutes).toBe(
      8,
    );
  });

  it('writes an excerpt on one line and keeps only the five latest touchpoints', () => {
    const insights = buildInsights(
      aLead(),
      [1, 2, 3, 4, 5, 6].map((minute) =>
        anInteraction(minute, { type: 'whatsapp', direction: 'inbound', text: `Line ${minute}\n\nmore` }),
      ),
      anAnalysis(),
      score,
    );

    expect(insights.touchpoints.recent.map((t) => t.excerpt)).toEqual([
      'Line 6 more',
      'Line 5 more',
      'Line 4 more',
      'Line 3 more',
      'Line 2 more',
    ]);
    expect(insights.touchpoints.recent[0]).toStrictEqual({
      at: at(6).toISOString(),
      type: 'whatsapp',
      direction: 'inbound',
      excerpt: 'Line 6 more',
    });
  });

  it('has no next best action when nothing needs doing', () => {
    const insights = buildInsights(
      aLead({ profile: { budgetMax: 500_000 }, propertyInterest: { price: 450_000 } }),
      [anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' })],
      anAnalysis({ timeframe: 'this_month', financing: 'cash' }),
      { ...score, temperature: 'warm' },
      { now: at(20) },
    );

    expect(insights.nextBestAction).toBeNull();
    expect(insights.recommendedActions).toEqual([]);
  });
});
