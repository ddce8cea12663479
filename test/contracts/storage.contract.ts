import { describeConsentRegistryContract } from './consent-registry.contract';
import { describeDeviceRegistryContract } from './device-registry.contract';
import { describeInteractionRepositoryContract } from './interaction-repository.contract';
import { describeLeadRepositoryContract } from './lead-repository.contract';
import { describeMessageRefsContract } from './message-refs.contract';
import { describeReceiptStoreContract } from './receipt-store.contract';
import { describeScoreRepositoryContract } from './score-repository.contract';
import type { MakeWorld } from './world';

/** Every storage port's contract, on one implementation. */
export const describeStorageContracts = (name: string, makeWorld: MakeWorld) => {
  describeLeadRepositoryContract(name, makeWorld);
  describeInteractionRepositoryContract(name, makeWorld);
  describeScoreRepositoryContract(name, makeWorld);
  describeReceiptStoreContract(name, makeWorld);
  describeMessageRefsContract(name, makeWorld);
  describeConsentRegistryContract(name, makeWorld);
  describeDeviceRegistryContract(name, makeWorld);
};
