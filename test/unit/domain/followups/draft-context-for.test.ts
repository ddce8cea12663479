import { describe, expect, it } from 'vitest';
import { builtInSequenceFor } from '../../../../lambdas/domain/followups/built-in-sequences';
import { draftContextFor, draftFollowUp } from '../../../../lambdas/domain/followups/draft-follow-up';
import type { Interaction } from '../../../../schemas/api/timeline';

const said = (text: string, direction: Interaction['direction'] = 'inbound'): Interaction => ({
  interactionId: '01JDZQ0000000000000000000A',
  leadId: '01JDZQ0000000000000000000B',
  type: 'whatsapp',
  direction,
  text,
  occurredAt: '2026-12-02T13:16:34.000Z',
});

const whatsapp = { channel: 'whatsapp' as const };

describe('what a follow-up draft is written from', () => {
  it('reads the interest of a WhatsApp lead from what they asked, so the first answer names it', async () => {
    const context = draftContextFor(whatsapp, { name: 'Mia Tran' }, { name: 'Avery Stone' }, [
      said('Could I view it this week?'),
      said('Hi, is the 2-bed apartment in Surry Hills still available?'),
    ]);

    expect(context.interest).toBe('2-bed apartment in Surry Hills');
    expect(context.leadMessages).toEqual([
      'Hi, is the 2-bed apartment in Surry Hills still available?',
      'Could I view it this week?',
    ]);
    const [firstAnswer] = builtInSequenceFor('warm').steps;
    const { draft } = await draftFollowUp(firstAnswer as never, context, {});
    expect(draft.text).toContain('2-bed apartment in Surry Hills');
  });

  it('keeps the interest recorded on the lead, and reads nothing from our own messages', () => {
    const context = draftContextFor(
      whatsapp,
      { name: 'Dana Lee', propertyInterest: { summary: '3-bed townhouse in Riverside' } },
      { name: 'Avery Stone' },
      [said('We have a 2-bed apartment in Midtown too', 'outbound'), said('Is it still free?')],
    );

    expect(context.interest).toBe('3-bed townhouse in Riverside');
    expect(context.leadMessages).toEqual(['Is it still free?']);
  });

  it('reads no English interest into a lead who writes Arabic', () => {
    const context = draftContextFor(whatsapp, { name: 'Omar Haddad' }, { name: 'Avery Stone' }, [
      said('مرحبا، أبحث عن شقة من غرفتين في دبي مارينا'),
    ]);

    expect(context.interest).toBeUndefined();
  });
});
