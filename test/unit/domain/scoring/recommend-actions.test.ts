import { describe, expect, it } from 'vitest';
import { type ActionContext, recommendActions } from '../../../../lambdas/domain/scoring/recommend-actions';
import { at } from './fixtures';

const context = (overrides: Partial<ActionContext> = {}): ActionContext => ({
  leadName: 'Dana Lee',
  analysis: { intents: [], timeframe: 'unspecified', financing: 'unknown' },
  timeline: { inbound: 0, outbound: 0, replies: 0, comments: 0, messagesWithText: 0 },
  budgetFit: { status: 'unknown', source: 'unknown', reason: 'No budget known yet' },
  temperature: 'warm',
  now: at(60).getTime(),
  ...overrides,
});

describe('recommendActions', () => {
  it('tells the agent to call a hot lead nobody has contacted yet', () => {
    const [first] = recommendActions(context({ temperature: 'hot' }));

    expect(first).toEqual({
      action: 'call_now',
      channel: 'call',
      title: 'Call Dana now',
      why: 'Hot lead who has not heard from you yet',
    });
  });

  it('answers what the lead asked for: a viewing, the price, financing', () => {
    const actions = recommendActions(
      context({
        analysis: { intents: ['viewing', 'price'], timeframe: 'this_week', financing: 'mortgage_needed' },
        timeline: {
          inbound: 1,
          outbound: 1,
          replies: 1,
          comments: 0,
          messagesWithText: 1,
          lastInboundAt: at(40).getTime(),
          lastOutboundAt: at(50).getTime(),
        },
        budgetFit: { status: 'within', source: 'profile', reason: 'Budget covers the price' },
      }),
    );

    expect(actions.map((a) => a.action)).toEqual([
      'schedule_viewing',
      'send_price_details',
      'share_financing_options',
    ]);
    expect(actions[0]?.title).toBe('Offer viewing times this week');
  });

  it('suggests listings within budget when the property is above it', () => {
    const actions = recommendActions(
      context({
        budgetFit: {
          status: 'above_budget',
          source: 'messages',
          reason: 'The $650k price is 30% above their $500k budget',
        },
      }),
    );

    expect(actions).toContainEqual(
      expect.objectContaining({
        action: 'send_similar_listings',
        why: 'The $650k price is 30% above their $500k budget',
      }),
    );
  });

  it('never lists more than four actions', () => {
    const actions = recommendActions(
      context({
        temperature: 'cold',
        analysis: {
          intents: ['viewing', 'price', 'availability', 'financing'],
          timeframe: 'unspecified',
          financing: 'unknown',
        },
        budgetFit: { status: 'above_budget', source: 'messages', reason: 'Above budget' },
      }),
    );

    expect(actions).toHaveLength(4);
  });
});
