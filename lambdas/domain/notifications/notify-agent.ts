import type { DeviceRegistry, PushGateway, PushMessage } from '../../ports/push';

export interface NotifyDeps {
  devices: Pick<DeviceRegistry, 'listFor' | 'remove'>;
  push: Pick<PushGateway, 'send' | 'unregister'>;
}

/**
 * Sends one notification to each of an agent's devices; a device the push service reports gone is
 * forgotten. One device failing does not keep the others from hearing. How many were reached.
 */
export const notifyAgent = async (
  agentId: string,
  message: PushMessage,
  deps: NotifyDeps,
): Promise<number> => {
  const devices = await deps.devices.listFor(agentId);
  const outcomes = await Promise.allSettled(
    devices.map(async (device) => {
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
