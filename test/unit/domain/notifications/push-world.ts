import type { Clock } from '../../../../lambdas/ports/clock';
import type {
  Device,
  DeviceRegistry,
  NoticeLog,
  PushGateway,
  PushMessage,
} from '../../../../lambdas/ports/push';

/**
 * An agent's devices in memory, one per agent and device id, as the table keeps them. A record saved
 * `asBefore` is one from before devices were found by id: listed for its agent, not by its device id.
 */
export const createInMemoryDevices = (): DeviceRegistry & {
  all(): Device[];
  saveAsBefore(device: Device): void;
} => {
  const devices = new Map<string, Device>();
  const unindexed = new Set<string>();
  const key = (agentId: string, deviceId: string) => `${agentId}|${deviceId}`;
  return {
    all: () => [...devices.values()].map((device) => structuredClone(device)),
    saveAsBefore(device) {
      devices.set(key(device.agentId, device.deviceId), structuredClone(device));
      unindexed.add(key(device.agentId, device.deviceId));
    },
    async save(device) {
      devices.set(key(device.agentId, device.deviceId), structuredClone(device));
      unindexed.delete(key(device.agentId, device.deviceId));
    },
    async get(agentId, deviceId) {
      return structuredClone(devices.get(key(agentId, deviceId)));
    },
    async remove(agentId, deviceId) {
      devices.delete(key(agentId, deviceId));
      unindexed.delete(key(agentId, deviceId));
    },
    async listFor(agentId) {
      return [...devices.values()]
        .filter((device) => device.agentId === agentId)
        .map((device) => structuredClone(device));
    },
    async listByDevice(deviceId) {
      return [...devices.values()]
        .filter((device) => device.deviceId === deviceId && !unindexed.has(key(device.agentId, deviceId)))
        .map((device) => structuredClone(device));
    },
  };
};

/** What a phone's push service does with a token: takes it, says it is gone, or fails for now. */
export type TokenFate = 'sent' | 'gone' | Error;

/**
 * The push service as the phones see it: what each token received, the endpoints it made, and the tokens
 * it forgot. A token's fate is `sent` unless a test sets another.
 */
export const createPushRecorder = () => {
  const received: { token: string; message: PushMessage }[] = [];
  const registered: Omit<Device, 'endpointArn'>[] = [];
  const unregistered: string[] = [];
  const fates = new Map<string, TokenFate>();
  let endpoints = true;
  const push: PushGateway = {
    async register(device) {
      registered.push(structuredClone(device));
      return endpoints
        ? { endpointArn: `arn:aws:sns:us-east-1:000000000000:endpoint/APNS/crm/${device.token}` }
        : {};
    },
    async send(device, message) {
      const fate = fates.get(device.token) ?? 'sent';
      if (fate instanceof Error) throw fate;
      if (fate === 'sent') received.push({ token: device.token, message: structuredClone(message) });
      return fate;
    },
    async unregister(device) {
      unregistered.push(device.token);
    },
  };
  return {
    push,
    received,
    registered,
    unregistered,
    fate(token: string, fate: TokenFate) {
      fates.set(token, fate);
    },
    /** The local outbox makes no endpoints. */
    withoutEndpoints() {
      endpoints = false;
    },
  };
};

/** Claims in memory that lapse after their time to live, by the clock. */
export const createInMemoryNoticeLog = (clock: Clock): NoticeLog & { claimed: Map<string, number> } => {
  const claimed = new Map<string, number>();
  return {
    claimed,
    async claim(key, ttlSeconds) {
      const now = clock.now().getTime();
      if ((claimed.get(key) ?? 0) > now) return false;
      claimed.set(key, now + ttlSeconds * 1000);
      return true;
    },
  };
};

let sequence = 0;

/** A registered phone of an agent's. */
export const createMockDevice = (overrides: Partial<Device> = {}): Device => {
  sequence += 1;
  const token = overrides.token ?? `apns-token-${String(sequence).padStart(4, '0')}`;
  return {
    agentId: 'agent-dana-lee',
    deviceId: `device-${sequence}`,
    platform: 'ios',
    token,
    endpointArn: `arn:aws:sns:us-east-1:000000000000:endpoint/APNS/crm/${token}`,
    registeredAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
};
