export type DevicePlatform = 'ios' | 'android';

/** A phone of an agent's registered for push. */
export interface Device {
  agentId: string;
  deviceId: string;
  platform: DevicePlatform;
  token: string;
  /** The push service's handle for it (an SNS platform endpoint); absent for the local outbox. */
  endpointArn?: string;
  registeredAt: string;
}

/** What a notification says: no lead's words or contact details, only what happened and ids to open. */
export interface PushMessage {
  title: string;
  body: string;
  data: Record<string, string>;
}

/** The mobile push service (SNS mobile push in the cloud, the outbox locally). */
export interface PushGateway {
  /** Makes the device reachable; what to keep of it (the endpoint). */
  register(device: Omit<Device, 'endpointArn'>): Promise<Pick<Device, 'endpointArn'>>;
  /** `gone`: the device no longer takes notifications (app removed, token expired) and should be forgotten. */
  send(device: Device, message: PushMessage): Promise<'sent' | 'gone'>;
  unregister(device: Device): Promise<void>;
}

/** An agent's registered devices. */
export interface DeviceRegistry {
  save(device: Device): Promise<void>;
  get(agentId: string, deviceId: string): Promise<Device | undefined>;
  remove(agentId: string, deviceId: string): Promise<void>;
  listFor(agentId: string): Promise<Device[]>;
  /**
   * Every agent's record of one phone (the same token), so a phone another agent signs in on leaves
   * the one who had it. Records saved before this lookup existed are found only once saved again.
   */
  listByDevice(deviceId: string): Promise<Device[]>;
}

/** Notifications already sent, so a job that runs twice over the same window sends each once. */
export interface NoticeLog {
  /** True the first time a key is claimed (for `ttlSeconds`), false after. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
}
