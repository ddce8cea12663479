import { routeTable } from '../../../schemas/routes';
import { recordLeadOutcome } from '../../domain/intelligence/record-lead-outcome';
import { httpHandler } from '../../shared/http/http-handler';
import { intelligenceDeps } from '../../shared/intelligence-wiring';

const deps = intelligenceDeps();

export const handler = httpHandler(routeTable.recordOutcome, async ({ actor, params, body }) => {
  const lead = await recordLeadOutcome(actor, params.leadId, body, deps);
  return { status: 200, body: lead, headers: { etag: `"${lead.version}"` } };
});
