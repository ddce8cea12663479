import type { RouteDefinition } from '../../../schemas/routes';
import { confirmSubscription } from '../../domain/messaging/webhook-subscription';
import type { WhatsAppCredentialSource } from '../../ports/whatsapp-credentials';
import { HttpError } from './http-error';
import { type HttpLambdaHandler, httpHandler } from './http-handler';

/**
 * Meta's subscription handshake for a webhook route (WhatsApp or the Facebook Page): a GET with
 * `hub.mode=subscribe`, the app's verify token and a challenge, answered with the bare challenge.
 * One Meta app, one verify token, whichever product subscribes.
 */
export const subscriptionHandshake = (
  route: RouteDefinition,
  credentials: WhatsAppCredentialSource,
): HttpLambdaHandler => {
  const handshake = httpHandler(route, async ({ event }) => {
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

  // Meta reads the whole body as the challenge, so it goes out as the bare text, not as a JSON string.
  return async (event, context) => {
    const result = await handshake(event, context);
    return result.statusCode === 200 && result.body
      ? { ...result, body: JSON.parse(result.body) as string }
      : result;
  };
};
