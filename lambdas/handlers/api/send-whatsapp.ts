import { routeTable } from '../../../schemas/routes';
import { sendWhatsApp } from '../../domain/messaging/send-whatsapp';
import { HttpError } from '../../shared/http/http-error';
import { httpHandler } from '../../shared/http/http-handler';
import { sendWhatsAppDeps } from '../../shared/messaging-wiring';

const deps = sendWhatsAppDeps();

const idempotencyKeyOf = (headers: Record<string, string | undefined>): string | undefined => {
  const key = headers['idempotency-key']?.trim();
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 255) {
    throw new HttpError(400, 'Invalid request', 'Idempotency-Key must be 1 to 255 characters', [
      { field: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
    ]);
  }
  return key;
};

export const handler = httpHandler(routeTable.sendWhatsApp, async ({ actor, params, body, headers }) => {
  const idempotencyKey = idempotencyKeyOf(headers);
  const message = await sendWhatsApp(actor, params.leadId, body, { idempotencyKey }, deps);
  return { status: 201, body: message, headers: { location: `/leads/${params.leadId}/timeline` } };
});
