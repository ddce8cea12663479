import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAgentRepository } from '../../../../lambdas/adapters/dynamodb/agent-repository';
import { createCrmService } from '../../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { createMockProfile } from '../../../helpers/factories';

const ddb = mockClient(DynamoDBDocumentClient);
const service = createCrmService(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'test-table',
);
const repository = createAgentRepository(service);

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('createAgentRepository', () => {
  it('creates a profile only if none is stored', async () => {
    ddb.on(PutCommand).resolves({});
    const profile = createMockProfile();

    await expect(repository.createIfAbsent(profile)).resolves.toEqual(profile);

    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      ConditionExpression: 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)',
      Item: expect.objectContaining({ agentId: profile.agentId, version: 1 }),
    });
  });

  it('returns the stored profile when another request created it first', async () => {
    const mine = createMockProfile({ timezone: 'America/New_York' });
    const stored = createMockProfile({ timezone: 'Europe/London' });
    ddb.on(PutCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: service.entities.agent.put(stored).params().Item });

    await expect(repository.createIfAbsent(mine)).resolves.toEqual(stored);
  });

  it('turns a failed version condition on update into StaleVersionError', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    const previous = createMockProfile({ version: 2 });

    const attempt = repository.update(previous, { ...previous, timezone: 'Europe/Paris', version: 3 });

    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      ConditionExpression: '#version = :version0',
      ExpressionAttributeValues: { ':version0': 2 },
    });
  });

  it('reads a profile stored before automatic follow-up existed as having it on', async () => {
    const { autoFollowUp: _absent, ...before } = service.entities.agent.put(createMockProfile()).params()
      .Item as Record<string, unknown>;
    ddb.on(GetCommand).resolves({ Item: before });

    const profile = await repository.get('agent-dana-lee');

    expect(profile?.autoFollowUp).toBe(true);
  });

  it('keeps automatic follow-up off once an agent turned it off', async () => {
    const off = createMockProfile({ autoFollowUp: false });
    ddb.on(GetCommand).resolves({ Item: service.entities.agent.put(off).params().Item });

    expect((await repository.get(off.agentId))?.autoFollowUp).toBe(false);
  });
});
