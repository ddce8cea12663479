import { routeTable } from '../../../schemas/routes';
import { findUnsubscribe } from '../../domain/consent/unsubscribe-from-email';
import { NotFoundError } from '../../domain/errors';
import { unsubscribeTokens } from '../../shared/email-wiring';
import { httpHandler } from '../../shared/http/http-handler';
import { confirmUnsubscribePage, htmlHeaders, unknownLinkPage } from '../../shared/http/unsubscribe-pages';

const deps = { tokens: unsubscribeTokens() };

/** Shows the confirm page only: mail scanners and link previews open GET links, so a GET changes nothing. */
export const handler = httpHandler(routeTable.showUnsubscribe, async ({ params }) => {
  try {
    await findUnsubscribe(params.token, deps);
    return { status: 200, text: confirmUnsubscribePage(), headers: htmlHeaders };
  } catch (error) {
    if (error instanceof NotFoundError) return { status: 404, text: unknownLinkPage(), headers: htmlHeaders };
    throw error;
  }
});
