import { facebookWebhookSchema, parseFacebookDelivery } from '../../../schemas/events/facebook';
import { routeTable } from '../../../schemas/routes';
import { receiveFacebook } from '../../domain/messaging/receive-facebook';
import { httpHandler } from '../../shared/http/http-handler';
import { readSignedWebhook } from '../../shared/http/signed-webhook';
import { logger } from '../../shared/logger';
import { facebookIntakeDeps, whatsAppCredentials } from '../../shared/messaging-wiring';

const deps = facebookIntakeDeps();
const credentials = whatsAppCredentials();

export const handler = httpHandler(routeTable.receiveFacebook, async (request) => {
  // The same Meta app signs Page webhooks, with the same app secret.
  const { appSecret, pageId } = await credentials.get();
  const envelope = readSignedWebhook(request, appSecret, facebookWebhookSchema, {
    channel: 'facebook',
    metrics: deps.metrics,
  });
  const { events, skipped } = parseFacebookDelivery(envelope);
  const outcomes = await receiveFacebook({ events, pageId }, deps);
  // Kinds, results, reasons and ids only: never a commenter's name or words.
  logger.info('Facebook webhook processed', { outcomes, skipped });
  return { status: 200 };
});
