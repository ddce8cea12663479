import { routeTable } from '../../../schemas/routes';
import { updateProfile } from '../../domain/agents/update-profile';
import { httpHandler, ifMatchVersion } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.updateProfile, async ({ actor, body, headers }) => {
  const profile = await updateProfile(actor, body, ifMatchVersion(headers), deps);
  return { status: 200, body: profile, headers: { etag: `"${profile.version}"` } };
});
