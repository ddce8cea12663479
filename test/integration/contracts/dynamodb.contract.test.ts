import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { createConsentRegistry } from '../../../lambdas/adapters/dynamodb/consent-registry';
import { createDeviceRegistry } from '../../../lambdas/adapters/dynamodb/device-registry';
import { createInteractionRepository } from '../../../lambdas/adapters/dynamodb/interaction-repository';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createMessageRefRepository } from '../../../lambdas/adapters/dynamodb/message-ref-repository';
import { createReceiptStore } from '../../../lambdas/adapters/dynamodb/receipt-store';
import { createScoreRepository } from '../../../lambdas/adapters/dynamodb/score-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { fixedClock } from '../../../lambdas/ports/clock';
import { describeStorageContracts } from '../../contracts/storage.contract';
import { createTestTable } from '../../helpers/dynamodb';
import { FIXTURE_NOW } from '../../helpers/factories';

let service: CrmService;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  service = createCrmService(documents, tableName);
});

// The same contract the in-memory fakes are held to (test/unit/contracts), on the table itself.
describeStorageContracts('DynamoDB', async () => {
  const clock = fixedClock(FIXTURE_NOW);
  return {
    clock,
    leads: createLeadRepository(service),
    interactions: createInteractionRepository(service),
    scores: createScoreRepository(service),
    receipts: createReceiptStore(service, clock),
    refs: createMessageRefRepository(service),
    consents: createConsentRegistry(service),
    devices: createDeviceRegistry(service),
    async saveDeviceAsBefore(device) {
      // The item as it was written before the device entity had its gsi1 key template.
      const { Item, TableName } = service.entities.device.put(device).params<{
        Item: Record<string, unknown>;
        TableName: string;
      }>();
      const { gsi1pk: _pk, gsi1sk: _sk, ...before } = Item;
      await documents.send(new PutCommand({ TableName, Item: before }));
    },
    async beginErase({ leadId }) {
      await service.entities.lead.patch({ leadId }).set({ erasing: true }).go();
    },
  };
});
