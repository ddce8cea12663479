import { routeTable } from '../../../schemas/routes';
import { unregisterDevice } from '../../domain/notifications/register-device';
import { httpHandler } from '../../shared/http/http-handler';
import { deviceDeps } from '../../shared/push-wiring';

const deps = deviceDeps();

export const handler = httpHandler(routeTable.unregisterDevice, async ({ actor, params }) => {
  await unregisterDevice(actor, params.deviceId, deps);
  return { status: 204 };
});
