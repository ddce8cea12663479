import type { Device } from '../../ports/push';

/**
 * A phone belongs to the agent who registered it last: true when another agent's record of the same
 * phone is at least as recent as this one, so this record must neither be sent to nor free the endpoint.
 */
export const takenByAnother = (
  device: Pick<Device, 'agentId' | 'registeredAt'>,
  recordsOfPhone: readonly Pick<Device, 'agentId' | 'registeredAt'>[],
): boolean =>
  recordsOfPhone.some(
    (record) => record.agentId !== device.agentId && record.registeredAt >= device.registeredAt,
  );
