import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { WebhookChannel } from '../../domain/messaging/webhook-binding';
import type { BusinessMetrics } from '../../ports/business-metrics';
import { verifyMetaSignature } from '../meta-signature';
import { HttpError } from './http-error';
import { parseJsonBody } from './http-handler';

/** Which webhook this is, and where a refused signature is counted. */
export interface SignedWebhookSource {
  channel: WebhookChannel;
  metrics: Pick<BusinessMetrics, 'count'>;
}

/**
 * A Meta webhook's body, parsed only once its X-Hub-Signature-256 matched the exact bytes received
 * (before any decoding): 401 when missing or wrong, then the usual 400 when the signed body is not the
 * expected envelope. A refusal is counted by channel: a wrong app secret refuses every delivery, and
 * Meta only shows it as failed deliveries in the app dashboard.
 */
export const readSignedWebhook = <S extends z.ZodType>(
  { event, headers }: { event: APIGatewayProxyEventV2; headers: Record<string, string | undefined> },
  appSecret: string,
  schema: S,
  { channel, metrics }: SignedWebhookSource,
): z.infer<S> => {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64') : (event.body ?? '');
  if (!verifyMetaSignature(raw, headers['x-hub-signature-256'], appSecret)) {
    metrics.count('WebhookSignatureRejected', 1, { channel });
    throw new HttpError(401, 'Unauthorized', 'X-Hub-Signature-256 is missing or does not match the body');
  }
  return parseJsonBody(schema, raw.toString());
};
