import { routeTable } from '../../../schemas/routes';
import { suggestDraft } from '../../domain/followups/suggest-draft';
import { draftWriter } from '../../shared/draft-wiring';
import { httpHandler } from '../../shared/http/http-handler';
import { logger } from '../../shared/logger';
import { leadDeps } from '../../shared/wiring';

const writer = draftWriter();
const deps = {
  ...leadDeps(),
  ...(writer && { writer }),
  onWriterError: (error: unknown) =>
    logger.warn('The model could not draft; the template drafter wrote the suggestion', {
      error: error instanceof Error ? error.name : String(error),
    }),
};

export const handler = httpHandler(routeTable.suggestDraft, async ({ actor, params, body }) => ({
  status: 200,
  body: await suggestDraft(actor, params.leadId, body, deps),
}));
