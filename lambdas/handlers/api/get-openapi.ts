import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { buildOpenApiDocument } from '../../../schemas/openapi';
import { routeTable } from '../../../schemas/routes';
import { httpHandler } from '../../shared/http/http-handler';

const documents = new Map<string, ReturnType<typeof buildOpenApiDocument>>();

const isLocalHost = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);

/**
 * The URL the API was called on: the stack's own (execute-api or custom domain, with its stage
 * unless it is `$default`) in the cloud, the local server's on a laptop. Read from the request, as
 * the function cannot be told its API's URL without a circular dependency in the stack.
 */
export const serverUrlOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const host = event.requestContext?.domainName;
  if (!host) return undefined;
  const stage = event.requestContext.stage;
  const forwarded = event.headers?.['x-forwarded-proto'];
  const scheme = forwarded === 'http' || (!forwarded && isLocalHost(host)) ? 'http' : 'https';
  return `${scheme}://${host}${stage && stage !== '$default' ? `/${stage}` : ''}`;
};

export const handler = httpHandler(routeTable.getOpenApi, async ({ event }) => {
  const serverUrl = serverUrlOf(event);
  const key = serverUrl ?? '';
  let document = documents.get(key);
  if (!document) {
    document = buildOpenApiDocument(serverUrl);
    // A function serves one API: one or two hosts (its execute-api and a custom domain) at most.
    if (documents.size < 8) documents.set(key, document);
  }
  return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
