import { describe, expect, it } from 'vitest';
import { chooseWhatsAppSend } from '../../../../lambdas/domain/messaging/choose-whatsapp-send';

const now = new Date('2026-11-25T09:30:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('chooseWhatsAppSend', () => {
  it('sends free text inside the 24-hour window, template or not', () => {
    expect(chooseWhatsAppSend({ lastInboundAt: hoursAgo(2), now, hasApprovedTemplate: true })).toEqual({
      kind: 'text',
    });
    expect(chooseWhatsAppSend({ lastInboundAt: hoursAgo(2), now, hasApprovedTemplate: false })).toEqual({
      kind: 'text',
    });
  });

  it('sends the approved template once the window has closed', () => {
    expect(chooseWhatsAppSend({ lastInboundAt: hoursAgo(30), now, hasApprovedTemplate: true })).toEqual({
      kind: 'template',
    });
  });

  it('sends the template to a lead who never wrote on WhatsApp', () => {
    expect(chooseWhatsAppSend({ lastInboundAt: undefined, now, hasApprovedTemplate: true })).toEqual({
      kind: 'template',
    });
  });

  it('sends nothing over WhatsApp when the window is closed and there is no template', () => {
    expect(chooseWhatsAppSend({ lastInboundAt: hoursAgo(30), now, hasApprovedTemplate: false })).toEqual({
      kind: 'unavailable',
      reason: 'window_closed_without_template',
    });
  });

  it('uses the template near the edge of the window when a margin is given', () => {
    expect(
      chooseWhatsAppSend({
        lastInboundAt: hoursAgo(23.99),
        now,
        hasApprovedTemplate: true,
        marginMs: 10 * 60_000,
      }),
    ).toEqual({ kind: 'template' });
  });
});
