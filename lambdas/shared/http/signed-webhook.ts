import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { verifyMetaSignature } from '../meta-signature';
import { HttpError } from './http-error';
import { parseJsonBody } from './http-handler';

/**
 * A Meta webhook's body, parsed only once its X-Hub-Signature-256 matched the exact bytes received
 * (before any decoding): 401 when missing or wrong, then the usual 400 when the signed body is not the
 * expected envelope.
 */
export const readSignedWebhook = <S extends z.ZodType>(
  { event, headers }: { event: APIGatewayProxyEventV2; headers: Record<string, string | undefined> },
  appSecret: string,
  schema: S,
): z.infer<S> => {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64') : (event.body ?? '');
  if (!verifyMetaSignature(raw, headers['x-hub-signature-256'], appSecret)) {
    throw new HttpError(401, 'Unauthorized', 'X-Hub-Signature-256 is missing or does not match the body');
  }
  return parseJsonBody(schema, raw.toString());
};
