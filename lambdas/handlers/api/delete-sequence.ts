import { routeTable } from '../../../schemas/routes';
import { deleteSequence } from '../../domain/followups/delete-sequence';
import { httpHandler, ifMatchVersion } from '../../shared/http/http-handler';
import { sequenceDeps } from '../../shared/sequence-wiring';

const deps = sequenceDeps();

export const handler = httpHandler(routeTable.deleteSequence, async ({ actor, params, headers }) => {
  await deleteSequence(actor, params.sequenceId, ifMatchVersion(headers), deps);
  return { status: 204 };
});
