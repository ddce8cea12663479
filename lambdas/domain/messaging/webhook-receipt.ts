import type { Receipt } from '../../ports/receipts';

/** Meta retries a webhook for up to 7 days; its receipts outlive that by a day. */
export const WEBHOOK_RECEIPT_TTL_SECONDS = 8 * 24 * 60 * 60;

/** The receipt that makes a repeat of a webhook delivery change nothing. */
export const webhookReceipt = (scope: Receipt['scope'], key: string): Receipt => ({
  scope,
  key,
  ttlSeconds: WEBHOOK_RECEIPT_TTL_SECONDS,
});
