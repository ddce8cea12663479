import { routeTable } from '../../../schemas/routes';
import { registerDevice } from '../../domain/notifications/register-device';
import { httpHandler } from '../../shared/http/http-handler';
import { deviceDeps } from '../../shared/push-wiring';

const deps = deviceDeps();

export const handler = httpHandler(routeTable.registerDevice, async ({ actor, body }) => ({
  status: 201,
  body: await registerDevice(actor, body, deps),
}));
