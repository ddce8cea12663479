import { routeTable } from '../../../schemas/routes';
import { ensureProfile } from '../../domain/agents/ensure-profile';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.getProfile, async ({ actor }) => {
  const profile = await ensureProfile(actor, deps);
  return { status: 200, body: profile, headers: { etag: `"${profile.version}"` } };
});
