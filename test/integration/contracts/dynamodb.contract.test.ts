import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { createConsentRegistry } from '../../../lambdas/adapters/dynamodb/consent-registry';
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
beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  service = createCrmService(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  );
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
    async beginErase({ leadId }) {
      await service.entities.lead.patch({ leadId }).set({ erasing: true }).go();
    },
  };
});
