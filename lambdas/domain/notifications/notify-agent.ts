import type { DeviceRegistry, PushGateway, PushMessage } from '../../ports/push';
import { takenByAnother } from './taken-by-another';

export interface NotifyDeps {
  devices: Pick<DeviceRegistry, 'listFor' | 'listByDevice' | 'remove'>;
  push: Pick<PushGateway, 'send' | 'unregister'>;
}

/**
 * Sends one notification to each of an agent's devices; a device the push service reports gone is
 * forgotten. A phone another agent registered since is not the agent's any more: its record goes,
 * with nothing sent (records from before registration took phones over are caught here). One device
 * failing does not keep the others from hearing. How many were reached.
 */
export const notifyAgent = async (
  agentId: string,
  message: PushMessage,
  deps: NotifyDeps,
): Promise<number> => {
  const devices = await deps.devices.listFor(agentId);
  const outcomes = await Promise.allSettled(
    devices.map(async (device) => {
      if (takenByAnother(device, await deps.devices.listByDevice(device.deviceId))) {
        await deps.devices.remove(agentId, device.deviceId);
        return false;
      }
      if ((await deps.push.send(device, message)) === 'sent') return true;
      await deps.push.unregister(device);
      await deps.devices.remove(agentId, device.deviceId);
      return false;
    }),
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  const reached = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value).length;
  if (failed && reached === 0) throw (failed as PromiseRejectedResult).reason;
  return reached;
};
