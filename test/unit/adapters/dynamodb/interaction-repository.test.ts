import { DynamoDBClient as RawClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInteractionRepository } from '../../../../lambdas/adapters/dynamodb/interaction-repository';
import { createCrmService } from '../../../../lambdas/adapters/dynamodb/service';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import { createMockInteraction, createMockLead } from '../../../helpers/factories';

const ddb = mockClient(DynamoDBDocumentClient);
const service = createCrmService(
  DynamoDBDocumentClient.from(new RawClient({ region: 'us-east-1' })),
  'test-table',
);
const repository = createInteractionRepository(service);

beforeEach(() => {
  ddb.reset();
});

describe('createInteractionRepository', () => {
  it("adds an entry to the lead's partition only if its id is new and the lead is not being erased", async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const note = createMockInteraction();

    await repository.add(note);

    expect(ddb).not.toHaveReceivedCommand(PutCommand);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.ConditionCheck).toMatchObject({
      Key: service.entities.lead.get({ leadId: note.leadId }).params().Key,
      ConditionExpression: expect.stringContaining('attribute_not_exists(#erasing)'),
    });
    expect(items[1]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)',
      Item: expect.objectContaining({
        pk: service.entities.interaction.get(note).params().Key.pk,
        text: note.text,
      }),
    });
  });

  it('refuses a note on a lead whose erase has begun with LeadGoneError', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );

    await expect(repository.add(createMockInteraction())).rejects.toBeInstanceOf(LeadGoneError);
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
