import { isWindowOpen } from './customer-service-window';

export type WhatsAppSendChoice =
  | { kind: 'text' }
  | { kind: 'template' }
  /** Window closed and no approved template: fall back to another channel (e.g. a call task). */
  | { kind: 'unavailable'; reason: 'window_closed_without_template' };

export interface WhatsAppSendContext {
  lastInboundAt: Date | undefined;
  now: Date;
  hasApprovedTemplate: boolean;
  /** Close the window early by this much, for sends planned ahead of time. */
  marginMs?: number;
}

/**
 * Decides how a WhatsApp follow-up may go out at send time: free text inside the 24-hour window,
 * an approved template outside it, otherwise nothing over WhatsApp.
 */
export const chooseWhatsAppSend = ({
  lastInboundAt,
  now,
  hasApprovedTemplate,
  marginMs,
}: WhatsAppSendContext): WhatsAppSendChoice => {
  if (isWindowOpen(lastInboundAt, now, marginMs)) return { kind: 'text' };
  if (hasApprovedTemplate) return { kind: 'template' };
  return { kind: 'unavailable', reason: 'window_closed_without_template' };
};
