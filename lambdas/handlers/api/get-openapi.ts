import { buildOpenApiDocument } from '../../../schemas/openapi';
import { routeTable } from '../../../schemas/routes';
import { httpHandler } from '../../shared/http/http-handler';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(routeTable.getOpenApi, async () => {
  document ??= buildOpenApiDocument();
  return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
