import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createDeviceRegistry } from '../adapters/dynamodb/device-registry';
import { createNoticeLog } from '../adapters/dynamodb/notice-log';
import { createTaskRepository } from '../adapters/dynamodb/task-repository';
import { createSandboxPush } from '../adapters/push/sandbox-push';
import { createSnsPush } from '../adapters/push/sns-push';
import { createFileOutbox } from '../adapters/whatsapp/file-outbox';
import type { NotifyDeps } from '../domain/notifications/notify-agent';
import type { DueTaskDeps } from '../domain/notifications/notify-due-tasks';
import { systemClock } from '../ports/clock';
import type { DeviceRegistry, PushGateway } from '../ports/push';
import { snsClient } from './clients/sns';
import { env } from './env';
import { createIdGenerator } from './ids';
import { crmService } from './wiring';

let cache: (NotifyDeps & { devices: DeviceRegistry; push: PushGateway }) | undefined;

/**
 * Devices and the push service: SNS mobile push when the brokerage's platform applications are
 * bound, else the sandbox outbox (a laptop, or a stack without push configured).
 */
export const pushDeps = () => {
  if (cache) return cache;
  const config = env();
  const applications = {
    ...(config.PUSH_IOS_APPLICATION_ARN && { ios: config.PUSH_IOS_APPLICATION_ARN }),
    ...(config.PUSH_ANDROID_APPLICATION_ARN && { android: config.PUSH_ANDROID_APPLICATION_ARN }),
  };
  const push =
    Object.keys(applications).length > 0
      ? createSnsPush({ client: snsClient(), applications })
      : createSandboxPush(createFileOutbox(config.SANDBOX_DIR), createIdGenerator(), () => systemClock.now());
  cache = { devices: createDeviceRegistry(crmService()), push };
  return cache;
};

/** Device registration: the registry, the push service and the clock. */
export const deviceDeps = () => ({ ...pushDeps(), clock: systemClock });

/** The due-task job: every agent of the brokerage, their tasks, the claims and push. */
export const dueTaskDeps = (): DueTaskDeps => {
  const crm = crmService();
  return {
    ...pushDeps(),
    agents: createAgentRepository(crm),
    tasks: createTaskRepository(crm),
    notices: createNoticeLog(crm),
    clock: systemClock,
    brokerageId: env().BROKERAGE_ID,
  };
};
