import { routeTable } from '../../../schemas/routes';
import { listSequences } from '../../domain/followups/list-sequences';
import { httpHandler } from '../../shared/http/http-handler';
import { sequenceDeps } from '../../shared/sequence-wiring';

const deps = sequenceDeps();

export const handler = httpHandler(routeTable.listSequences, async ({ actor }) => ({
  status: 200,
  body: { items: await listSequences(actor, deps) },
}));
