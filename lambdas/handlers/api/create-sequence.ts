import { routeTable } from '../../../schemas/routes';
import { createSequence } from '../../domain/followups/create-sequence';
import { httpHandler } from '../../shared/http/http-handler';
import { sequenceDeps } from '../../shared/sequence-wiring';

const deps = sequenceDeps();

export const handler = httpHandler(routeTable.createSequence, async ({ actor, body }) => {
  const sequence = await createSequence(actor, body, deps);
  return {
    status: 201,
    body: sequence,
    headers: { location: `/sequences/${sequence.sequenceId}`, etag: `"${sequence.version}"` },
  };
});
