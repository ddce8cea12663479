/** WhatsApp's customer-service window: free-form messages are allowed for 24 h after the lead's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * True while free-form WhatsApp messages may be sent: the lead wrote to us less than 24 hours ago.
 * `marginMs` closes the window early so a message planned near the edge does not reach Meta after it shut.
 * A last-inbound time slightly in the future (clock skew between Meta and us) counts as just now.
 */
export const isWindowOpen = (lastInboundAt: Date | undefined, now: Date, marginMs = 0): boolean => {
  if (!lastInboundAt || Number.isNaN(lastInboundAt.getTime())) return false;
  const elapsed = now.getTime() - lastInboundAt.getTime();
  return elapsed < CUSTOMER_SERVICE_WINDOW_MS - marginMs;
};
