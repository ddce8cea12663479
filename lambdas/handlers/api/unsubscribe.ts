import { oneClickField, oneClickValue } from '../../../schemas/api/unsubscribe';
import { routeTable } from '../../../schemas/routes';
import { createReceiptStore } from '../../adapters/dynamodb/receipt-store';
import { unsubscribeFromEmail } from '../../domain/consent/unsubscribe-from-email';
import { NotFoundError } from '../../domain/errors';
import { unsubscribeTokens } from '../../shared/email-wiring';
import { HttpError } from '../../shared/http/http-error';
import { httpHandler } from '../../shared/http/http-handler';
import { htmlHeaders, unknownLinkPage, unsubscribedPage } from '../../shared/http/unsubscribe-pages';
import { logger } from '../../shared/logger';
import { crmService, leadDeps } from '../../shared/wiring';

const { leads, consents, clock, newId } = leadDeps();
const deps = {
  tokens: unsubscribeTokens(),
  receipts: createReceiptStore(crmService(), clock),
  leads,
  consents,
  clock,
  newId,
};

/** RFC 8058 posts `List-Unsubscribe=One-Click` form-encoded (or as multipart form data). */
const isOneClick = (rawBody: string, contentType = '') =>
  contentType.startsWith('multipart/form-data')
    ? new RegExp(`name="${oneClickField}"\\r?\\n\\r?\\n${oneClickValue}\\r?\\n`).test(rawBody)
    : new URLSearchParams(rawBody).get(oneClickField) === oneClickValue;

export const handler = httpHandler(routeTable.unsubscribe, async ({ params, rawBody, headers }) => {
  if (!isOneClick(rawBody, headers['content-type'])) {
    throw new HttpError(400, 'Invalid request', `The form must carry ${oneClickField}=${oneClickValue}`, [
      { field: oneClickField, message: `must be ${oneClickValue}` },
    ]);
  }
  try {
    const { leadIds } = await unsubscribeFromEmail(params.token, deps);
    logger.info('Email unsubscribe recorded', { leadIds });
    return { status: 200, text: unsubscribedPage(), headers: htmlHeaders };
  } catch (error) {
    if (error instanceof NotFoundError) return { status: 404, text: unknownLinkPage(), headers: htmlHeaders };
    throw error;
  }
});
