import { routeTable } from '../../../schemas/routes';
import { confirmSubscription } from '../../domain/messaging/webhook-subscription';
import { HttpError } from '../../shared/http/http-error';
import { type HttpLambdaHandler, httpHandler } from '../../shared/http/http-handler';
import { whatsAppCredentials } from '../../shared/messaging-wiring';

const credentials = whatsAppCredentials();

const handshake = httpHandler(routeTable.verifyWhatsAppWebhook, async ({ event }) => {
  const query = event.queryStringParameters ?? {};
  const { verifyToken } = await credentials.get();
  const challenge = confirmSubscription(
    { mode: query['hub.mode'], verifyToken: query['hub.verify_token'], challenge: query['hub.challenge'] },
    verifyToken,
  );
  if (challenge === undefined) {
    throw new HttpError(403, 'Forbidden', 'Not a subscription request with this webhook’s verify token');
  }
  return { status: 200, body: challenge, headers: { 'content-type': 'text/plain; charset=utf-8' } };
});

/** Meta reads the whole body as the challenge, so it goes out as the bare text, not as a JSON string. */
export const handler: HttpLambdaHandler = async (event, context) => {
  const result = await handshake(event, context);
  return result.statusCode === 200 && result.body
    ? { ...result, body: JSON.parse(result.body) as string }
    : result;
};
