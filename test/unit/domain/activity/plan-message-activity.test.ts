import { describe, expect, it } from 'vitest';
import { brokerageScope, type InteractionFacts } from '../../../../lambdas/domain/activity/activity-change';
import {
  planMessageActivity,
  planReplyActivity,
} from '../../../../lambdas/domain/activity/plan-message-activity';
import { brokerageId, leadFacts } from './open-lead-world';

const team = brokerageScope(brokerageId);
// Created at 15:00 UTC on 20 November.
const lead = leadFacts('lead-1', { source: 'facebook_lead_ad' });
const at = '2026-11-21T09:00:00.000Z';

const message = (overrides: Partial<InteractionFacts> = {}): InteractionFacts => ({
  leadId: 'lead-1',
  interactionId: 'msg-1',
  type: 'whatsapp',
  direction: 'outbound',
  occurredAt: '2026-11-20T15:12:00.000Z',
  deliveryStatus: 'sent',
  ...overrides,
});

const none = new Map<string, string>();
const countsOf = (plan: { counters: Array<{ scope: string; counts: Record<string, number> }> }) =>
  plan.counters.find((c) => c.scope === 'agent-a')?.counts;

describe('planMessageActivity', () => {
  it('feeds the entry to the lead’s agent, an upsert while it exists and a delete once it is gone', () => {
    const added = planMessageActivity(lead, none, undefined, message({ direction: 'inbound' }), at, 'UTC');
    const removed = planMessageActivity(lead, none, message(), undefined, at, 'UTC');

    const entry = {
      agentId: 'agent-a',
      kind: 'interaction',
      entityId: 'msg-1',
      leadId: 'lead-1',
      changedAt: at,
    };
    expect(added.feed).toEqual([{ ...entry, op: 'upsert' }]);
    expect(removed.feed).toEqual([{ ...entry, op: 'delete' }]);
    expect(added.counters).toEqual([]);
    expect(removed.counters).toEqual([]);
  });

  it('counts nothing for an inbound message, a note or an outbound entry on no reply channel', () => {
    for (const after of [
      message({ direction: 'inbound' }),
      message({ type: 'note', direction: 'internal' }),
      message({ type: 'meeting' }),
    ]) {
      const plan = planMessageActivity(lead, none, undefined, after, at, 'UTC');
      expect(plan.counters).toEqual([]);
      expect(plan.marks).toEqual([]);
    }
  });

  it('counts a first WhatsApp message: sent, the lead messaged on WhatsApp, and the first response 12 minutes in', () => {
    const plan = planMessageActivity(lead, none, undefined, message(), at, 'UTC');

    const counts = { waSent: 1, msg_whatsapp_facebook_lead_ad: 1, resp_le15m: 1 };
    expect(plan.counters).toEqual([
      { scope: 'agent-a', day: '2026-11-20', counts },
      { scope: team, day: '2026-11-20', counts },
    ]);
    expect(plan.marks).toEqual([
      { leadId: 'lead-1', mark: 'messaged#whatsapp', at: '2026-11-20T15:12:00.000Z' },
      { leadId: 'lead-1', mark: 'firstResponse', at: '2026-11-20T15:12:00.000Z' },
    ]);
  });

  it('counts a message on the day it was sent in the zone, not the day the record arrived', () => {
    const sent = message({ occurredAt: '2026-11-30T20:30:00.000Z' }); // 00:30 on 1 December in Dubai
    const plan = planMessageActivity(lead, none, undefined, sent, at, 'Asia/Dubai');
    expect(plan.counters.map((c) => c.day)).toEqual(['2026-12-01', '2026-12-01']);
  });

  it('puts a response exactly 5 minutes in the first bucket, and one stamped before the lead in it too', () => {
    const atFive = planMessageActivity(
      lead,
      none,
      undefined,
      message({ occurredAt: '2026-11-20T15:05:00.000Z' }),
      at,
      'UTC',
    );
    const early = planMessageActivity(
      lead,
      none,
      undefined,
      message({ occurredAt: '2026-11-20T14:00:00.000Z' }),
      at,
      'UTC',
    );
    const nextDay = planMessageActivity(
      lead,
      none,
      undefined,
      message({ occurredAt: '2026-11-21T15:00:01.000Z' }),
      at,
      'UTC',
    );
    expect(countsOf(atFive)).toHaveProperty('resp_le5m', 1);
    expect(countsOf(early)).toHaveProperty('resp_le5m', 1);
    expect(countsOf(nextDay)).toHaveProperty('resp_over1440m', 1);
  });

  it('counts an email once per lead on its channel, without WhatsApp’s sent count or a second first response', () => {
    const marks = new Map([['firstResponse', '2026-11-20T15:12:00.000Z']]);
    const first = planMessageActivity(lead, marks, undefined, message({ type: 'email' }), at, 'UTC');
    expect(countsOf(first)).toEqual({ msg_email_facebook_lead_ad: 1 });
    expect(first.marks).toEqual([
      { leadId: 'lead-1', mark: 'messaged#email', at: '2026-11-20T15:12:00.000Z' },
    ]);

    marks.set('messaged#email', '2026-11-20T15:12:00.000Z');
    const second = planMessageActivity(
      lead,
      marks,
      undefined,
      message({ type: 'email', interactionId: 'msg-2' }),
      at,
      'UTC',
    );
    expect(second.counters).toEqual([]);
    expect(second.marks).toEqual([]);
    expect(second.feed).toHaveLength(1);
  });

  it('counts every WhatsApp message sent, even when the lead was messaged and answered before', () => {
    const marks = new Map([
      ['firstResponse', '2026-11-20T15:12:00.000Z'],
      ['messaged#whatsapp', '2026-11-20T15:12:00.000Z'],
    ]);
    const plan = planMessageActivity(lead, marks, undefined, message({ interactionId: 'msg-2' }), at, 'UTC');
    expect(countsOf(plan)).toEqual({ waSent: 1 });
    expect(plan.marks).toEqual([]);
  });

  it('counts a WhatsApp message reaching delivered (or read straight from sent) once, on the day of the status', () => {
    const sent = message({ deliveryStatus: 'sent' });
    // 21:00 UTC on 1 December is 01:00 on 2 December in Dubai.
    const delivered = planMessageActivity(
      lead,
      none,
      sent,
      { ...sent, deliveryStatus: 'delivered' },
      '2026-12-01T21:00:00.000Z',
      'Asia/Dubai',
    );
    expect(delivered.counters).toEqual([
      { scope: 'agent-a', day: '2026-12-02', counts: { waDelivered: 1 } },
      { scope: team, day: '2026-12-02', counts: { waDelivered: 1 } },
    ]);
    expect(delivered.marks).toEqual([]);

    const readFromSent = planMessageActivity(
      lead,
      none,
      sent,
      { ...sent, deliveryStatus: 'read' },
      at,
      'UTC',
    );
    expect(countsOf(readFromSent)).toEqual({ waDelivered: 1 });

    const readAfterDelivered = planMessageActivity(
      lead,
      none,
      { ...sent, deliveryStatus: 'delivered' },
      { ...sent, deliveryStatus: 'read' },
      at,
      'UTC',
    );
    expect(readAfterDelivered.counters).toEqual([]);
    const deliveredAfterRead = planMessageActivity(
      lead,
      none,
      { ...sent, deliveryStatus: 'read' },
      { ...sent, deliveryStatus: 'delivered' },
      at,
      'UTC',
    );
    expect(deliveredAfterRead.counters).toEqual([]);
  });

  it('counts a WhatsApp message failing once', () => {
    const sent = message({ deliveryStatus: 'sent' });
    const failed = planMessageActivity(lead, none, sent, { ...sent, deliveryStatus: 'failed' }, at, 'UTC');
    expect(countsOf(failed)).toEqual({ waFailed: 1 });
    const again = planMessageActivity(
      lead,
      none,
      { ...sent, deliveryStatus: 'failed' },
      { ...sent, deliveryStatus: 'failed' },
      at,
      'UTC',
    );
    expect(again.counters).toEqual([]);
  });

  it('counts no delivery for an email’s status change, and nothing for an edit of a WhatsApp message', () => {
    const email = message({ type: 'email', deliveryStatus: 'sent' });
    const emailDelivered = planMessageActivity(
      lead,
      none,
      email,
      { ...email, deliveryStatus: 'delivered' },
      at,
      'UTC',
    );
    expect(emailDelivered.counters).toEqual([]);
    const emailFailed = planMessageActivity(
      lead,
      none,
      email,
      { ...email, deliveryStatus: 'failed' },
      at,
      'UTC',
    );
    expect(emailFailed.counters).toEqual([]);

    const edited = planMessageActivity(lead, none, message(), message(), at, 'UTC');
    expect(edited.counters).toEqual([]);
    expect(edited.feed.map((f) => f.op)).toEqual(['upsert']);
  });
});

describe('planReplyActivity', () => {
  const messagedAt = '2026-11-20T15:12:00.000Z';

  it('counts a reply on a channel the lead was messaged on earlier, by the lead’s source, with a mark', () => {
    const marks = new Map([['messaged#whatsapp', messagedAt]]);
    // 20:30 UTC on 30 November is 00:30 on 1 December in Dubai.
    const plan = planReplyActivity(lead, marks, 'whatsapp', '2026-11-30T20:30:00.000Z', 'Asia/Dubai');

    expect(plan.counters).toEqual([
      { scope: 'agent-a', day: '2026-12-01', counts: { rep_whatsapp_facebook_lead_ad: 1 } },
      { scope: team, day: '2026-12-01', counts: { rep_whatsapp_facebook_lead_ad: 1 } },
    ]);
    expect(plan.marks).toEqual([
      { leadId: 'lead-1', mark: 'replied#whatsapp', at: '2026-11-30T20:30:00.000Z' },
    ]);
    expect(plan.feed).toEqual([]);
  });

  it('counts a reply at the very instant of the message', () => {
    const marks = new Map([['messaged#email', messagedAt]]);
    expect(planReplyActivity(lead, marks, 'email', messagedAt, 'UTC').counters).toHaveLength(2);
  });

  it('counts nothing for a reply before any message, on another channel, a second time, or on no reply channel', () => {
    const messaged = new Map([['messaged#whatsapp', messagedAt]]);
    const empty = { feed: [], counters: [], marks: [] };
    expect(planReplyActivity(lead, none, 'whatsapp', at, 'UTC')).toEqual(empty);
    expect(planReplyActivity(lead, messaged, 'whatsapp', '2026-11-20T15:11:59.999Z', 'UTC')).toEqual(empty);
    expect(planReplyActivity(lead, messaged, 'email', at, 'UTC')).toEqual(empty);
    expect(
      planReplyActivity(lead, new Map([...messaged, ['replied#whatsapp', at]]), 'whatsapp', at, 'UTC'),
    ).toEqual(empty);
    expect(
      planReplyActivity(lead, new Map([['messaged#comment', messagedAt]]), 'comment', at, 'UTC'),
    ).toEqual(empty);
  });
});
