import type { Outbox } from '../../ports/outbox';
import type { PushGateway } from '../../ports/push';

/** Push on a laptop: each notification lands in the outbox (`GET /_local/outbox`) as the device would get it. */
export const createSandboxPush = (outbox: Outbox, newId: () => string, now: () => Date): PushGateway => ({
  async register() {
    return {};
  },
  async send(device, message) {
    await outbox.append({
      messageId: newId(),
      channel: 'push',
      kind: 'push',
      agentId: device.agentId,
      deviceId: device.deviceId,
      platform: device.platform,
      ...message,
      at: now().toISOString(),
    });
    return 'sent';
  },
  async unregister() {},
});
