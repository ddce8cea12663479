import { routeTable } from '../../../schemas/routes';
import { replaceSequence } from '../../domain/followups/replace-sequence';
import { httpHandler, ifMatchVersion } from '../../shared/http/http-handler';
import { sequenceDeps } from '../../shared/sequence-wiring';

const deps = sequenceDeps();

export const handler = httpHandler(routeTable.replaceSequence, async ({ actor, params, body, headers }) => {
  const sequence = await replaceSequence(actor, params.sequenceId, body, ifMatchVersion(headers), deps);
  return { status: 200, body: sequence, headers: { etag: `"${sequence.version}"` } };
});
