import { routeTable } from '../../../schemas/routes';
import { loadSequenceFor } from '../../domain/followups/load-sequence';
import { httpHandler } from '../../shared/http/http-handler';
import { sequenceDeps } from '../../shared/sequence-wiring';

const deps = sequenceDeps();

export const handler = httpHandler(routeTable.getSequence, async ({ actor, params }) => {
  const sequence = await loadSequenceFor(actor, params.sequenceId, deps);
  return { status: 200, body: sequence, headers: { etag: `"${sequence.version}"` } };
});
