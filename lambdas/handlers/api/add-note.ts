import { routeTable } from '../../../schemas/routes';
import { addNote } from '../../domain/timeline/add-note';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.addNote, async ({ actor, params, body }) => ({
  status: 201,
  body: await addNote(actor, params.leadId, body.text, deps),
}));
