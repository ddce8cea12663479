import { parseWhatsAppEvents, whatsAppWebhookSchema } from '../../../schemas/events/whatsapp';
import { routeTable } from '../../../schemas/routes';
import { receiveWhatsApp } from '../../domain/messaging/receive-whatsapp';
import { httpHandler } from '../../shared/http/http-handler';
import { readSignedWebhook } from '../../shared/http/signed-webhook';
import { logger } from '../../shared/logger';
import { intakeDeps, whatsAppCredentials } from '../../shared/messaging-wiring';

const deps = intakeDeps();
const credentials = whatsAppCredentials();

export const handler = httpHandler(routeTable.receiveWhatsApp, async (request) => {
  const { appSecret, phoneNumberId } = await credentials.get();
  const envelope = readSignedWebhook(request, appSecret, whatsAppWebhookSchema, {
    channel: 'whatsapp',
    metrics: deps.metrics,
  });
  // Each change, message and status is read on its own: what cannot be is acknowledged and logged, never retried.
  const events = parseWhatsAppEvents(envelope, (skipped) =>
    logger.warn('WhatsApp webhook item skipped', { ...skipped }),
  );
  const outcomes = await receiveWhatsApp({ events, businessPhoneNumberId: phoneNumberId }, deps);
  // Kinds, results and lead ids only: never the sender's number or words.
  logger.info('WhatsApp webhook processed', { outcomes });
  return { status: 200 };
});
