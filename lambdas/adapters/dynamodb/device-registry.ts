import type { Device, DeviceRegistry } from '../../ports/push';
import type { CrmService } from './service';

/** An agent's devices in their own partition of the table, and each phone's records across agents. */
export const createDeviceRegistry = (service: CrmService): DeviceRegistry => {
  const { device: devices } = service.entities;
  const toDevice = ({ endpointArn, ...rest }: Device): Device => ({
    ...rest,
    ...(endpointArn && { endpointArn }),
  });
  return {
    async save(device) {
      await devices.put(device).go();
    },
    async get(agentId, deviceId) {
      const { data } = await devices.get({ agentId, deviceId }).go();
      return data ? toDevice(data) : undefined;
    },
    async remove(agentId, deviceId) {
      await devices.delete({ agentId, deviceId }).go();
    },
    async listFor(agentId) {
      const { data } = await devices.query.byAgent({ agentId }).go({ pages: 'all' });
      return data.map(toDevice);
    },
    async listByDevice(deviceId) {
      const { data } = await devices.query.byDevice({ deviceId }).go({ pages: 'all' });
      return data.map(toDevice);
    },
  };
};
