import { routeTable } from '../../../schemas/routes';
import { resumeLeadFollowUp } from '../../domain/followups/resume-lead-follow-up';
import { resumeLeadFollowUpDeps } from '../../shared/follow-up-pause-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = resumeLeadFollowUpDeps();

export const handler = httpHandler(routeTable.resumeFollowUp, async ({ actor, params }) => ({
  status: 200,
  body: await resumeLeadFollowUp(actor, params.leadId, deps),
}));
