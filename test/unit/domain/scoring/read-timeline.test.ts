import { describe, expect, it } from 'vitest';
import { readTimeline } from '../../../../lambdas/domain/scoring/read-timeline';
import { anInteraction, at } from './fixtures';

const ms = (minutes: number): number => at(minutes).getTime();
const NEVER = Number.POSITIVE_INFINITY;

describe('readTimeline', () => {
  it('knows nothing of a lead with no timeline', () => {
    expect(readTimeline([], NEVER)).toStrictEqual({
      inbound: 0,
      outbound: 0,
      replies: 0,
      comments: 0,
      messagesWithText: 0,
      firstOutboundAt: undefined,
      firstReplyAt: undefined,
      lastInboundAt: undefined,
      lastOutboundAt: undefined,
    });
  });

  it('counts every kind of contact each way: comments, WhatsApp, calls, emails and meetings', () => {
    const facts = readTimeline(
      [
        anInteraction(1, { type: 'comment', direction: 'inbound', text: 'Interested' }),
        anInteraction(2, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' }),
        anInteraction(3, { type: 'call', direction: 'outbound' }),
        anInteraction(4, { type: 'email', direction: 'inbound', text: 'Details please' }),
        anInteraction(5, { type: 'meeting', direction: 'inbound' }),
        anInteraction(6, { type: 'meeting', direction: 'outbound' }),
      ],
      NEVER,
    );

    expect(facts).toMatchObject({ inbound: 3, outbound: 3, comments: 1, messagesWithText: 2 });
    expect(facts.lastInboundAt).toBe(ms(5));
    expect(facts.lastOutboundAt).toBe(ms(6));
  });

  it('leaves out notes, system events, consent records and anything internal', () => {
    const facts = readTimeline(
      [
        anInteraction(1, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' }),
        anInteraction(2, { type: 'note', direction: 'internal', text: 'Prefers mornings' }),
        anInteraction(3, { type: 'system', direction: 'inbound', text: 'Lead imported' }),
        anInteraction(4, { type: 'consent', direction: 'inbound', text: 'STOP' }),
        anInteraction(5, { type: 'whatsapp', direction: 'internal', text: 'Template approved' }),
        anInteraction(6, { type: 'note', direction: 'outbound', text: 'Sent brochure by post' }),
      ],
      NEVER,
    );

    expect(facts).toStrictEqual({
      inbound: 0,
      outbound: 1,
      replies: 0,
      comments: 0,
      messagesWithText: 0,
      firstOutboundAt: ms(1),
      firstReplyAt: undefined,
      lastInboundAt: undefined,
      lastOutboundAt: ms(1),
    });
  });

  it('counts only inbound comments as comments, and only written words as messages', () => {
    const facts = readTimeline(
      [
        anInteraction(1, { type: 'comment', direction: 'outbound', text: 'Sent you a message!' }),
        anInteraction(2, { type: 'comment', direction: 'inbound', text: '   ' }),
        anInteraction(3, { type: 'comment', direction: 'inbound', text: 'Price?' }),
        anInteraction(4, { type: 'call', direction: 'inbound' }),
      ],
      NEVER,
    );

    expect(facts).toMatchObject({ inbound: 3, outbound: 1, comments: 2, messagesWithText: 1 });
  });

  it('finds the first and last contact each way whatever order the items come in', () => {
    const facts = readTimeline(
      [
        anInteraction(30, { type: 'whatsapp', direction: 'outbound' }),
        anInteraction(10, { type: 'whatsapp', direction: 'outbound' }),
        anInteraction(50, { type: 'whatsapp', direction: 'inbound' }),
        anInteraction(20, { type: 'whatsapp', direction: 'outbound' }),
        anInteraction(15, { type: 'whatsapp', direction: 'inbound' }),
        anInteraction(40, { type: 'whatsapp', direction: 'inbound' }),
      ],
      NEVER,
    );

    expect(facts).toMatchObject({
      firstOutboundAt: ms(10),
      lastOutboundAt: ms(30),
      lastInboundAt: ms(50),
      firstReplyAt: ms(15),
      replies: 3,
    });
  });

  it("counts as replies only what the lead sent after the agent's first outreach", () => {
    const facts = readTimeline(
      [
        anInteraction(1, { type: 'comment', direction: 'inbound', text: 'Interested' }),
        anInteraction(10, { type: 'whatsapp', direction: 'inbound', text: 'Hello?' }),
        anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' }),
        anInteraction(12, { type: 'consent', direction: 'inbound', text: 'Opted in' }),
        anInteraction(25, { type: 'whatsapp', direction: 'inbound', text: 'Saturday works' }),
        anInteraction(35, { type: 'email', direction: 'inbound', text: 'Sent the documents' }),
      ],
      NEVER,
    );

    expect(facts).toMatchObject({ inbound: 4, replies: 2, firstReplyAt: ms(25), lastInboundAt: ms(35) });
  });

  it('finds no reply when the lead last wrote before the outreach', () => {
    const facts = readTimeline(
      [
        anInteraction(1, { type: 'comment', direction: 'inbound', text: 'Interested' }),
        anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' }),
      ],
      NEVER,
    );

    expect(facts).toMatchObject({ inbound: 1, outbound: 1, replies: 0, firstReplyAt: undefined });
  });

  it('finds no reply when nobody reached out', () => {
    const facts = readTimeline(
      [anInteraction(1, { type: 'whatsapp', direction: 'inbound', text: 'Hi' })],
      NEVER,
    );

    expect(facts).toMatchObject({
      inbound: 1,
      replies: 0,
      firstReplyAt: undefined,
      firstOutboundAt: undefined,
    });
  });

  it('reads the timeline as it stood at a past moment, that moment included', () => {
    const timeline = [
      anInteraction(10, { type: 'whatsapp', direction: 'outbound', text: 'Hi Dana' }),
      anInteraction(20, { type: 'whatsapp', direction: 'inbound', text: 'Hi!' }),
      anInteraction(30, { type: 'comment', direction: 'inbound', text: 'Still available?' }),
      anInteraction(40, { type: 'call', direction: 'outbound' }),
    ];

    expect(readTimeline(timeline, ms(20))).toStrictEqual({
      inbound: 1,
      outbound: 1,
      replies: 1,
      comments: 0,
      messagesWithText: 1,
      firstOutboundAt: ms(10),
      firstReplyAt: ms(20),
      lastInboundAt: ms(20),
      lastOutboundAt: ms(10),
    });
    expect(readTimeline(timeline, ms(20) - 1)).toMatchObject({ inbound: 0, replies: 0, outbound: 1 });
    expect(readTimeline(timeline, ms(30))).toMatchObject({ inbound: 2, replies: 2, comments: 1 });
  });

  it('skips an item whose time cannot be read', () => {
    const facts = readTimeline(
      [
        anInteraction(10, { type: 'whatsapp', direction: 'outbound' }),
        { ...anInteraction(20, { type: 'whatsapp', direction: 'inbound', text: 'Hi' }), occurredAt: 'soon' },
      ],
      NEVER,
    );

    expect(facts).toMatchObject({ inbound: 0, outbound: 1, replies: 0 });
  });
});
