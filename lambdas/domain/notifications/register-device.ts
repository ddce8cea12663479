import { createHash } from 'node:crypto';
import type { RegisterDeviceBody } from '../../../schemas/api/devices';
import type { Clock } from '../../ports/clock';
import type { Device, DeviceRegistry, PushGateway } from '../../ports/push';
import type { Actor } from '../actor';
import { takenByAnother } from './taken-by-another';

export interface DeviceDeps {
  devices: DeviceRegistry;
  push: Pick<PushGateway, 'register' | 'unregister'>;
  clock: Clock;
}

/** A device's id is derived from its token: registering the same phone again is the same device. */
export const deviceIdOf = (token: string) =>
  createHash('sha256').update(token).digest('base64url').slice(0, 22);

/**
 * `POST /agents/me/devices`: the agent's phone gets push notifications (a hot lead's reply, a task
 * falling due). Registering the same token again refreshes it; a token another agent had moves to
 * this one (a shared phone signed in by someone else): the other agent's record of it goes, so their
 * notices stop reaching this phone, and the endpoint stays, as this agent now uses it.
 * Flow: the device id from the token → the push service's endpoint → the registry → other agents' records
 * of the phone removed.
 */
export const registerDevice = async (
  actor: Actor,
  { platform, token }: RegisterDeviceBody,
  deps: DeviceDeps,
): Promise<Pick<Device, 'deviceId' | 'platform' | 'registeredAt'>> => {
  const deviceId = deviceIdOf(token);
  const registeredAt = deps.clock.now().toISOString();
  const device = { agentId: actor.agentId, deviceId, platform, token, registeredAt };
  const { endpointArn } = await deps.push.register(device);
  await deps.devices.save({ ...device, ...(endpointArn && { endpointArn }) });
  for (const record of await deps.devices.listByDevice(deviceId))
    if (record.agentId !== actor.agentId) await deps.devices.remove(record.agentId, deviceId);
  return { deviceId, platform, registeredAt };
};

/**
 * `DELETE /agents/me/devices/{deviceId}`: no more notifications on that phone (signing out). Idempotent.
 * A phone another agent has registered since keeps its endpoint: only this agent's record goes.
 */
export const unregisterDevice = async (actor: Actor, deviceId: string, deps: DeviceDeps): Promise<void> => {
  const device = await deps.devices.get(actor.agentId, deviceId);
  if (!device) return;
  if (!takenByAnother(device, await deps.devices.listByDevice(deviceId))) await deps.push.unregister(device);
  await deps.devices.remove(actor.agentId, deviceId);
};
