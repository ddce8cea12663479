import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInteractionRepository } from '../../../../lambdas/adapters/dynamodb/interaction-repository';
import { createCrmService } from '../../../../lambdas/adapters/dynamodb/service';
import { createMockInteraction, createMockLead } from '../../../helpers/factories';

const ddb = mockClient(DynamoDBDocumentClient);
const service = createCrmService(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'test-table',
);
const repository = createInteractionRepository(service);

beforeEach(() => {
  ddb.reset();
});

describe('createInteractionRepository', () => {
  it("adds an entry to the lead's partition only if its id is new", async () => {
    ddb.on(PutCommand).resolves({});
    const note = createMockInteraction();

    await repository.add(note);

    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      ConditionExpression: 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)',
      Item: expect.objectContaining({
        pk: service.entities.interaction.get(note).params().Key.pk,
        text: note.text,
      }),
    });
  });

  it("reads a lead's timeline newest first with a Query on its partition", async () => {
    const lead = createMockLead();
    const older = createMockInteraction({ leadId: lead.leadId, text: 'First call' });
    const newer = createMockInteraction({ leadId: lead.leadId, text: 'Booked viewing' });
    const item = (entry: typeof older) => service.entities.interaction.put(entry).params().Item;
    ddb.on(QueryCommand).resolves({ Items: [item(newer), item(older)] });

    const page = await repository.listTimeline(lead.leadId, { limit: 20 });

    expect(page).toEqual({ items: [newer, older], nextCursor: null });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ScanIndexForward: false, Limit: 20 });
    expect(ddb).not.toHaveReceivedCommand(ScanCommand);
  });

  it('answers a garbage cursor with a ValidationError on field cursor', async () => {
    const attempt = repository.listTimeline(createMockLead().leadId, { limit: 20, cursor: '%%%' });

    await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'cursor' }] });
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });
});
