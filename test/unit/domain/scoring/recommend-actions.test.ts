import { describe, expect, it } from 'vitest';
import { type ActionContext, recommendActions } from '../../../../lambdas/domain/scoring/recommend-actions';
import { at } from './fixtures';

const DAY = 86_400_000;

const context = (overrides: Partial<ActionContext> = {}): ActionContext => ({
  leadName: 'Dana Lee',
  analysis: { intents: [], timeframe: 'unspecified', financing: 'unknown' },
  timeline: { inbound: 0, outbound: 0, replies: 0, comments: 0, messagesWithText: 0 },
  budgetFit: { status: 'unknown', source: 'unknown', reason: 'No budget known yet' },
  temperature: 'warm',
  now: at(60).getTime(),
  ...overrides,
});

/** The agent wrote at `outboundMinutes`; the lead last wrote at `inboundMinutes`, if ever. */
const contacted = (outboundMinutes: number, inboundMinutes?: number): ActionContext['timeline'] => ({
  inbound: inboundMinutes === undefined ? 0 : 1,
  outbound: 1,
  replies: 0,
  comments: 0,
  messagesWithText: 0,
  firstOutboundAt: at(outboundMinutes).getTime(),
  lastOutboundAt: at(outboundMinutes).getTime(),
  ...(inboundMinutes === undefined ? {} : { lastInboundAt: at(inboundMinutes).getTime() }),
});
/** Known budget and timeframe, so only what a test varies is recommended. */
const settled = (overrides: Partial<ActionContext> = {}): ActionContext =>
  context({
    analysis: { intents: [], timeframe: 'this_month', financing: 'cash' },
    timeline: contacted(50),
    budgetFit: { status: 'within', source: 'profile', reason: 'Budget covers the price' },
    ...overrides,
  });
const kinds = (ctx: ActionContext) => recommendActions(ctx).map((a) => a.action);

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

    expect(actions).toContainEqual({
      action: 'send_similar_listings',
      channel: 'whatsapp',
      title: 'Send listings within their budget',
      why: 'The $650k price is 30% above their $500k budget',
    });
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

  it('asks for a first message to a lead who is not hot, then for what is still unknown', () => {
    expect(recommendActions(context())).toEqual([
      {
        action: 'reply_now',
        channel: 'whatsapp',
        title: 'Send Dana a first message',
        why: 'Not contacted yet; a reply within the hour wins most deals',
      },
      {
        action: 'ask_budget',
        channel: 'whatsapp',
        title: 'Ask about their budget',
        why: 'No budget known yet',
      },
      {
        action: 'ask_timeline',
        channel: 'whatsapp',
        title: 'Ask when they plan to move',
        why: 'No timeframe given yet',
      },
    ]);
  });

  it('calls the lead by first name, or "the lead" when no name is known', () => {
    expect(recommendActions(context({ leadName: '  Omar  Haddad ' }))[0]?.title).toBe(
      'Send Omar a first message',
    );
    expect(recommendActions(context({ leadName: '   ' }))[0]?.title).toBe('Send the lead a first message');
  });

  it('asks for a reply when the latest message from the lead has no answer, by call for a hot lead', () => {
    const waiting = contacted(10, 20);

    expect(recommendActions(settled({ timeline: waiting }))).toEqual([
      {
        action: 'reply_now',
        channel: 'whatsapp',
        title: 'Reply to Dana',
        why: 'Their latest message has no answer yet',
      },
    ]);
    expect(recommendActions(settled({ timeline: waiting, temperature: 'hot' }))[0]).toMatchObject({
      action: 'reply_now',
      channel: 'call',
    });
  });

  it('treats a message from the lead with no time of the last outreach as waiting', () => {
    const { lastOutboundAt: _, ...noLastOutbound } = contacted(10, 20);

    expect(kinds(settled({ timeline: noLastOutbound }))).toEqual(['reply_now']);
  });

  it('does not ask for a reply when the lead never wrote', () => {
    const { lastOutboundAt: _, ...noTimes } = contacted(10);

    expect(kinds(settled({ timeline: noTimes }))).toEqual([]);
  });

  it('does not ask for a reply once the agent answered', () => {
    expect(kinds(settled({ timeline: contacted(20, 20) }))).toEqual([]);
    expect(kinds(settled({ timeline: contacted(30, 20) }))).toEqual([]);
  });

  it.each([
    ['immediate', 'Offer viewing times today'],
    ['this_week', 'Offer viewing times this week'],
    ['this_month', 'Offer viewing times soon'],
    ['unspecified', 'Offer viewing times soon'],
  ] as const)('offers viewing times for a viewing asked %s', (timeframe, title) => {
    const [first] = recommendActions(
      settled({ analysis: { intents: ['viewing'], timeframe, financing: 'cash' } }),
    );

    expect(first).toEqual({
      action: 'schedule_viewing',
      channel: 'any',
      title,
      why: 'Asked to view the property',
    });
  });

  it('sends the price to a lead who asked about it or talked about an offer', () => {
    const price = (intents: ActionContext['analysis']['intents']) =>
      recommendActions(settled({ analysis: { intents, timeframe: 'this_month', financing: 'cash' } }));

    expect(price(['price'])).toEqual([
      {
        action: 'send_price_details',
        channel: 'whatsapp',
        title: 'Send the price and payment terms',
        why: 'Asked about the price',
      },
    ]);
    expect(price(['negotiation'])[0]?.why).toBe('Talked about an offer');
    expect(price(['price', 'negotiation'])[0]?.why).toBe('Talked about an offer');
    expect(price(['location', 'features'])).toEqual([]);
  });

  it('confirms availability to a lead who asked whether it is still available', () => {
    expect(
      recommendActions(
        settled({ analysis: { intents: ['availability'], timeframe: 'this_month', financing: 'cash' } }),
      ),
    ).toEqual([
      {
        action: 'confirm_availability',
        channel: 'whatsapp',
        title: 'Confirm it is available',
        why: 'Asked if it is still available',
      },
    ]);
  });

  it('shares financing options with a lead who needs a mortgage or asked about financing', () => {
    const financing = (
      intents: ActionContext['analysis']['intents'],
      kind: ActionContext['analysis']['financing'],
    ) => recommendActions(settled({ analysis: { intents, timeframe: 'this_month', financing: kind } }));
    const share = {
      action: 'share_financing_options',
      channel: 'email',
      title: 'Share mortgage and payment-plan options',
      why: 'Will need financing to buy',
    };

    expect(financing([], 'mortgage_needed')).toEqual([share]);
    expect(financing(['financing'], 'unknown')).toEqual([share]);
    expect(financing(['financing'], 'cash')).toEqual([]);
    expect(financing(['financing'], 'pre_approved')).toEqual([]);
    expect(financing([], 'unknown')).toEqual([]);
  });

  it('asks about the budget while only a typical local budget is known', () => {
    const budget = (source: ActionContext['budgetFit']['source']) =>
      kinds(settled({ budgetFit: { status: 'unknown', source, reason: 'Stated a budget of $500k' } }));

    expect(budget('typical')).toEqual(['ask_budget']);
    expect(budget('unknown')).toEqual(['ask_budget']);
    expect(budget('messages')).toEqual([]);
    expect(budget('profile')).toEqual([]);
  });

  it('asks when they plan to move only while no timeframe is known', () => {
    const timeframe = (value: ActionContext['analysis']['timeframe']) =>
      kinds(settled({ analysis: { intents: [], timeframe: value, financing: 'cash' } }));

    expect(timeframe('unspecified')).toEqual(['ask_timeline']);
    expect(timeframe('later')).toEqual([]);
  });

  it('suggests a follow-up from a full day of silence after the last outreach', () => {
    const sentAt = at(50).getTime();
    const followUp = (now: number, temperature: ActionContext['temperature'] = 'warm') =>
      recommendActions(settled({ now, temperature })).find((a) => a.action === 'follow_up');

    expect(followUp(sentAt + DAY - 1)).toBeUndefined();
    expect(followUp(sentAt + DAY)).toEqual({
      action: 'follow_up',
      channel: 'call',
      title: 'Follow up with Dana',
      why: 'No reply for 1 day',
    });
    expect(followUp(sentAt + 3 * DAY - 1)?.why).toBe('No reply for 2 days');
    expect(followUp(sentAt + 3 * DAY, 'hot')?.channel).toBe('call');
    expect(followUp(sentAt + 3 * DAY, 'cold')).toMatchObject({
      channel: 'whatsapp',
      why: 'No reply for 3 days',
    });
  });

  it('does not suggest a follow-up while the lead is waiting for an answer', () => {
    expect(kinds(settled({ timeline: contacted(10, 20), now: at(20).getTime() + 5 * DAY }))).toEqual([
      'reply_now',
    ]);
  });

  it('enrols a cold lead in the nurture sequence, after everything more urgent', () => {
    expect(recommendActions(settled({ temperature: 'cold' }))).toEqual([
      {
        action: 'start_nurture_sequence',
        channel: 'any',
        title: 'Enrol in the cold-lead sequence',
        why: 'Low intent for now; keep in touch without daily effort',
      },
    ]);
    expect(kinds(settled({ temperature: 'warm' }))).toEqual([]);
    expect(kinds(settled({ temperature: 'hot' }))).toEqual([]);
  });

  it('keeps the first four in order of urgency when more apply', () => {
    expect(
      kinds(
        context({
          temperature: 'cold',
          analysis: { intents: ['availability', 'viewing'], timeframe: 'unspecified', financing: 'unknown' },
          budgetFit: { status: 'above_budget', source: 'messages', reason: 'Above budget' },
        }),
      ),
    ).toEqual(['reply_now', 'schedule_viewing', 'confirm_availability', 'send_similar_listings']);
  });
});
