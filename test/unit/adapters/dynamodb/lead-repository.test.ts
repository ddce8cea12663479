import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLeadRepository } from '../../../../lambdas/adapters/dynamodb/lead-repository';
import { createCrmService } from '../../../../lambdas/adapters/dynamodb/service';
import { NotFoundError, StaleVersionError, ValidationError } from '../../../../lambdas/domain/errors';
import { DuplicateLeadError, LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockInteraction, createMockLead } from '../../../helpers/factories';

const ddb = mockClient(DynamoDBDocumentClient);
const service = createCrmService(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'test-table',
);
const repository = createLeadRepository(service);

const notExists = 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)';

/** The stored item ElectroDB reads back for a lead (keys and entity markers included). */
const leadItem = (lead: Lead, extra: Record<string, unknown> = {}) => ({
  ...service.entities.lead.put(lead).params().Item,
  ...extra,
});

const claimKey = (agentId: string, kind: 'phone' | 'email', value: string) =>
  service.entities.leadContact.get({ agentId, kind, value }).params().Key;

const claimItem = (lead: Lead, kind: 'phone' | 'email', value: string) =>
  service.entities.leadContact
    .put({
      agentId: lead.agentId,
      kind,
      value,
      brokerageId: lead.brokerageId,
      leadId: lead.leadId,
      createdAt: lead.createdAt,
    })
    .params().Item;

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const transactItems = () => ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];

beforeEach(() => {
  ddb.reset();
});

describe('createLeadRepository', () => {
  describe('create', () => {
    it('writes the lead, each contact claim and the first interactions in ONE transaction, each only if new', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      const lead = createMockLead({ phone: '+12125550142', email: 'sam.rivera@example.com' });
      const interactions = [
        createMockInteraction({ leadId: lead.leadId, type: 'system', text: 'Lead created from website' }),
        createMockInteraction({
          leadId: lead.leadId,
          type: 'email',
          direction: 'inbound',
          text: 'Is it available?',
        }),
      ];

      await repository.create(lead, interactions);

      expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
      expect(ddb.calls()).toHaveLength(1);
      expect(
        transactItems().map(({ Put }) => ({
          entity: Put?.Item?.__edb_e__,
          table: Put?.TableName,
          condition: Put?.ConditionExpression,
        })),
      ).toEqual([
        { entity: 'lead', table: 'test-table', condition: notExists },
        { entity: 'leadContact', table: 'test-table', condition: notExists },
        { entity: 'leadContact', table: 'test-table', condition: notExists },
        { entity: 'interaction', table: 'test-table', condition: notExists },
        { entity: 'interaction', table: 'test-table', condition: notExists },
      ]);
      expect(
        transactItems()
          .slice(1, 3)
          .map(({ Put }) => [Put?.Item?.kind, Put?.Item?.value, Put?.Item?.leadId]),
      ).toEqual([
        ['phone', '+12125550142', lead.leadId],
        ['email', 'sam.rivera@example.com', lead.leadId],
      ]);
    });

    it("turns a cancelled transaction whose claim another lead holds into DuplicateLeadError with that lead's id", async () => {
      const lead = createMockLead({ phone: '+12125550142', email: 'sam.rivera@example.com' });
      const holder = createMockLead({ name: 'Sam R.', email: 'sam.rivera@example.com' });
      ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
      ddb.on(GetCommand, { Key: claimKey(lead.agentId, 'phone', '+12125550142') }).resolves({});
      ddb
        .on(GetCommand, { Key: claimKey(lead.agentId, 'email', 'sam.rivera@example.com') })
        .resolves({ Item: claimItem(holder, 'email', 'sam.rivera@example.com') });

      const attempt = repository.create(lead, []);

      await expect(attempt).rejects.toBeInstanceOf(DuplicateLeadError);
      await expect(attempt).rejects.toMatchObject({ existingLeadId: holder.leadId, field: 'email' });
    });

    it('fails, without blaming a duplicate, when the transaction was cancelled for another reason', async () => {
      const lead = createMockLead({ phone: '+12125550142' });
      ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
      ddb.on(GetCommand).resolves({});

      const attempt = repository.create(lead, []);

      await expect(attempt).rejects.toThrow('Lead creation was cancelled');
      await expect(attempt).rejects.not.toBeInstanceOf(DuplicateLeadError);
    });
  });

  describe('get', () => {
    it('returns the lead without storage keys', async () => {
      const lead = createMockLead({ phone: '+12125550142' });
      ddb.on(GetCommand).resolves({ Item: leadItem(lead) });

      await expect(repository.get(lead.leadId)).resolves.toEqual(lead);
    });

    it('hides a lead being erased unless the erase asks for it', async () => {
      const lead = createMockLead();
      ddb.on(GetCommand).resolves({ Item: leadItem(lead, { erasing: true }) });

      await expect(repository.get(lead.leadId)).resolves.toBeUndefined();
      await expect(repository.get(lead.leadId, { includeErasing: true })).resolves.toEqual(lead);
    });
  });

  describe('update', () => {
    it('replaces the lead with a PutCommand guarded by the version read when no contact changes', async () => {
      ddb.on(PutCommand).resolves({});
      const previous = createMockLead({ phone: '+12125550142', version: 3 });
      const next: Lead = { ...previous, status: 'contacted', version: 4 };

      await repository.update(previous, next);

      expect(ddb).toHaveReceivedCommandWith(PutCommand, {
        TableName: 'test-table',
        ConditionExpression: '#version = :version0 AND attribute_not_exists(#erasing)',
        ExpressionAttributeNames: { '#version': 'version', '#erasing': 'erasing' },
        ExpressionAttributeValues: { ':version0': 3 },
        Item: expect.objectContaining({ leadId: previous.leadId, status: 'contacted', version: 4 }),
      });
      expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('turns a failed version condition into StaleVersionError', async () => {
      ddb.on(PutCommand).rejects(conditionFailed());
      const previous = createMockLead({ version: 3 });
      ddb.on(GetCommand).resolves({ Item: leadItem({ ...previous, version: 4 }) });

      const attempt = repository.update(previous, { ...previous, status: 'lost', version: 4 });

      await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    });

    it('refuses a stale edit of a lead whose erase has begun with LeadGoneError', async () => {
      ddb.on(PutCommand).rejects(conditionFailed());
      const previous = createMockLead({ version: 3 });
      ddb.on(GetCommand).resolves({ Item: leadItem(previous, { erasing: true }) });

      const attempt = repository.update(previous, { ...previous, status: 'lost', version: 4 });

      await expect(attempt).rejects.toBeInstanceOf(LeadGoneError);
    });

    it('refuses a contact swap on a lead already erased with LeadGoneError, claiming nothing', async () => {
      ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
      ddb.on(GetCommand).resolves({});
      const previous = createMockLead({ phone: '+12125550142' });

      const attempt = repository.update(previous, { ...previous, phone: '+12125550187', version: 2 });

      await expect(attempt).rejects.toBeInstanceOf(LeadGoneError);
    });

    it('swaps a changed phone in one transaction: guarded lead, old claim deleted, new claim only if free', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      const previous = createMockLead({ phone: '+12125550142', version: 1 });
      const next: Lead = { ...previous, phone: '+12125550187', version: 2 };

      await repository.update(previous, next);

      expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
      const [lead, released, claimed] = transactItems();
      expect(lead?.Put).toMatchObject({
        ConditionExpression: '#version = :version0 AND attribute_not_exists(#erasing)',
        ExpressionAttributeValues: { ':version0': 1 },
        Item: expect.objectContaining({ phone: '+12125550187', version: 2 }),
      });
      expect(released?.Delete?.Key).toEqual(claimKey(previous.agentId, 'phone', '+12125550142'));
      expect(claimed?.Put).toMatchObject({
        ConditionExpression: notExists,
        Item: expect.objectContaining({ kind: 'phone', value: '+12125550187', leadId: previous.leadId }),
      });
      expect(transactItems()).toHaveLength(3);
    });

    it('turns a cancelled swap whose version check failed into StaleVersionError', async () => {
      ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
      const previous = createMockLead({ phone: '+12125550142' });
      ddb.on(GetCommand).resolves({ Item: leadItem({ ...previous, version: 2 }) });

      const attempt = repository.update(previous, { ...previous, phone: '+12125550187', version: 2 });

      await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    });

    it("turns a cancelled swap whose new phone another lead holds into DuplicateLeadError with that lead's id", async () => {
      const previous = createMockLead({ phone: '+12125550142' });
      const holder = createMockLead({ phone: '+12125550187' });
      ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
      ddb.on(GetCommand).resolves({ Item: claimItem(holder, 'phone', '+12125550187') });

      const attempt = repository.update(previous, { ...previous, phone: '+12125550187', version: 2 });

      await expect(attempt).rejects.toMatchObject({ existingLeadId: holder.leadId, field: 'phone' });
    });
  });

  describe('listForAgent', () => {
    it('queries index gsi2 highest score first and never scans', async () => {
      const best = createMockLead({ name: 'Kim Park', score: 91, temperature: 'hot' });
      const next = createMockLead({ name: 'Sam Rivera', score: 64 });
      ddb.on(QueryCommand).resolves({ Items: [leadItem(best), leadItem(next)] });

      const page = await repository.listForAgent({ agentId: best.agentId, sort: 'score', limit: 25 });

      expect(page).toEqual({ items: [best, next], nextCursor: null });
      expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
        TableName: 'test-table',
        IndexName: 'gsi2',
        ScanIndexForward: false,
        Limit: 25,
      });
      expect(ddb).not.toHaveReceivedCommand(ScanCommand);
    });

    it('queries index gsi3 for one temperature, highest score first', async () => {
      ddb.on(QueryCommand).resolves({ Items: [] });

      await repository.listForAgent({
        agentId: 'agent-dana-lee',
        sort: 'score',
        temperature: 'hot',
        limit: 25,
      });

      expect(ddb).toHaveReceivedCommandWith(QueryCommand, { IndexName: 'gsi3', ScanIndexForward: false });
      expect(ddb).not.toHaveReceivedCommand(ScanCommand);
    });

    it('queries index gsi1 newest first and filters on status', async () => {
      ddb.on(QueryCommand).resolves({ Items: [] });

      await repository.listForAgent({
        agentId: 'agent-dana-lee',
        sort: 'newest',
        status: 'viewing',
        limit: 25,
      });

      expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
        IndexName: 'gsi1',
        ScanIndexForward: false,
        FilterExpression: expect.stringContaining('#status'),
      });
      expect(ddb).not.toHaveReceivedCommand(ScanCommand);
    });

    it('leaves out leads being erased', async () => {
      const kept = createMockLead({ name: 'Kim Park' });
      const erasing = createMockLead({ name: 'Sam Rivera' });
      ddb.on(QueryCommand).resolves({ Items: [leadItem(kept), leadItem(erasing, { erasing: true })] });

      const page = await repository.listForAgent({ agentId: kept.agentId, sort: 'newest', limit: 25 });

      expect(page.items).toEqual([kept]);
    });

    it('answers a garbage cursor with a ValidationError on field cursor, without querying', async () => {
      const attempt = repository.listForAgent({
        agentId: 'agent-dana-lee',
        sort: 'score',
        limit: 25,
        cursor: 'not a cursor!',
      });

      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'cursor' }] });
      expect(ddb).not.toHaveReceivedCommand(QueryCommand);
    });

    it('answers a cursor DynamoDB refuses as a starting key with a ValidationError on field cursor', async () => {
      ddb.on(QueryCommand).rejects(
        new DynamoDBServiceException({
          name: 'ValidationException',
          $fault: 'client',
          $metadata: {},
          message: 'The provided starting key is invalid',
        }),
      );
      const cursor = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y' })).toString('base64url');

      const attempt = repository.listForAgent({
        agentId: 'agent-dana-lee',
        sort: 'newest',
        limit: 25,
        cursor,
      });

      await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'cursor' }] });
    });
  });

  describe('erase', () => {
    it('hides the lead first, deletes its timeline, then deletes the lead and its claims together', async () => {
      const lead = createMockLead({ phone: '+12125550142', email: 'sam.rivera@example.com' });
      const note = createMockInteraction({ leadId: lead.leadId });
      const timelineQuery = service.entities.interaction.query.byLead({ leadId: lead.leadId }).params();
      ddb.on(UpdateCommand).resolves({ Attributes: leadItem(lead, { erasing: true }) });
      ddb.on(QueryCommand).resolves({ Items: [] });
      ddb
        .on(QueryCommand, { ExpressionAttributeValues: timelineQuery.ExpressionAttributeValues })
        .resolvesOnce({ Items: [service.entities.interaction.put(note).params().Item] })
        .resolves({ Items: [] });
      ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
      ddb.on(TransactWriteCommand).resolves({});

      await repository.erase(lead);

      const sent = ddb.calls().map((call) => call.args[0].constructor.name);
      expect(sent[0]).toBe('UpdateCommand');
      expect(sent.at(-1)).toBe('TransactWriteCommand');
      expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
        ConditionExpression: 'attribute_exists(#pk) AND attribute_exists(#sk)',
        ExpressionAttributeValues: expect.objectContaining({ ':erasing_u0': true }),
      });
      expect(ddb).toHaveReceivedCommandWith(BatchWriteCommand, {
        RequestItems: {
          'test-table': [{ DeleteRequest: { Key: service.entities.interaction.get(note).params().Key } }],
        },
      });
      expect(transactItems().map((item) => item.Delete?.Key)).toEqual([
        service.entities.lead.get({ leadId: lead.leadId }).params().Key,
        claimKey(lead.agentId, 'phone', '+12125550142'),
        claimKey(lead.agentId, 'email', 'sam.rivera@example.com'),
      ]);
    });

    it('answers a lead that is already gone with NotFoundError', async () => {
      ddb.on(UpdateCommand).rejects(conditionFailed());

      await expect(repository.erase(createMockLead())).rejects.toBeInstanceOf(NotFoundError);
      expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('fails when the final delete of the lead and its claims is cancelled, so the caller retries', async () => {
      const lead = createMockLead({ phone: '+12125550142' });
      ddb.on(UpdateCommand).resolves({ Attributes: leadItem(lead, { erasing: true }) });
      ddb.on(QueryCommand).resolves({ Items: [] });
      ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));

      await expect(repository.erase(lead)).rejects.toThrow();
    });
  });
});
