import { fixedClock } from '../../../lambdas/ports/clock';
import { describeStorageContracts } from '../../contracts/storage.contract';
import { FIXTURE_NOW } from '../../helpers/factories';
import { createInMemoryMessagingDeps } from '../domain/messaging/in-memory-messaging';
import { createInMemoryDevices } from '../domain/notifications/push-world';

// The fakes the unit tests run on, held to the same contract as the DynamoDB adapters (test/integration/contracts).
describeStorageContracts('in memory', async () => {
  const clock = fixedClock(FIXTURE_NOW);
  const deps = createInMemoryMessagingDeps(clock);
  const devices = createInMemoryDevices();
  return {
    clock,
    leads: deps.leads,
    interactions: deps.interactions,
    scores: deps.scores,
    receipts: deps.receipts,
    refs: deps.refs,
    consents: deps.consents,
    devices,
    async saveDeviceAsBefore(device) {
      devices.saveAsBefore(device);
    },
    async beginErase(lead) {
      deps.leads.interruptNextErase();
      await deps.leads.erase(lead).catch(() => undefined);
    },
  };
});
