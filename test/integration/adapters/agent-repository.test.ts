import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgentRepository } from '../../../lambdas/adapters/dynamodb/agent-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError } from '../../../lambdas/domain/errors';
import type { AgentRepository } from '../../../lambdas/ports/agent-repository';
import { freshOwner } from '../../contracts/world';
import { createMockProfile } from '../../helpers/factories';
import { createRecordedTable } from '../../helpers/recorded-table';

let service: CrmService;
let documents: DynamoDBDocumentClient;
let agents: AgentRepository;
let failNext: { command: string; error: Error } | undefined;

beforeAll(async () => {
  ({ service, documents } = await createRecordedTable());
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const failing = failNext;
      if (!failing || failing.command !== context.commandName) return next(args);
      failNext = undefined;
      throw failing.error;
    },
    { step: 'initialize', name: 'failNext' },
  );
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  agents = createAgentRepository(service);
});

afterEach(() => {
  failNext = undefined;
});

const throttled = () =>
  Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' });

/** A profile as stored before automatic follow-up and the active/disabled status existed. */
const saveAsBefore = async (profile: ReturnType<typeof createMockProfile>) => {
  const { autoFollowUp: _a, status: _s, ...before } = profile;
  const { Item, TableName } = service.entities.agent.put(before).params<{
    Item: Record<string, unknown>;
    TableName: string;
  }>();
  await documents.send(new PutCommand({ TableName, Item }));
};

describe('agent repository (DynamoDB Local)', () => {
  it('creates a profile only once, answering a second creator with the stored one', async () => {
    const { agentId, brokerageId } = freshOwner();
    const profile = createMockProfile({ agentId, brokerageId, autoFollowUp: false, status: 'active' });

    expect(await agents.createIfAbsent(profile)).toEqual(profile);
    expect(await agents.createIfAbsent({ ...profile, name: 'Someone Else' })).toEqual(profile);
    expect(await agents.get(agentId)).toEqual(profile);
    expect(await agents.get('agent-never-made')).toBeUndefined();
  });

  it('reads a profile kept from before the settings existed with their defaults, in every read', async () => {
    const { agentId, brokerageId } = freshOwner();
    const profile = createMockProfile({ agentId, brokerageId, autoFollowUp: true, status: 'active' });
    await saveAsBefore(profile);

    expect(await agents.get(agentId)).toEqual(profile);
    expect(await agents.createIfAbsent({ ...profile, name: 'Someone Else', autoFollowUp: false })).toEqual(
      profile,
    );
    expect(await agents.listForBrokerage(brokerageId)).toEqual([profile]);
  });

  it('keeps a disabled agent disabled and automatic follow-up off once set', async () => {
    const { agentId, brokerageId } = freshOwner();
    const profile = createMockProfile({ agentId, brokerageId, autoFollowUp: false, status: 'disabled' });
    await agents.createIfAbsent(profile);

    expect(await agents.get(agentId)).toMatchObject({ autoFollowUp: false, status: 'disabled' });
    expect(await agents.listForBrokerage(brokerageId)).toEqual([profile]);
  });

  it('lists every agent of a brokerage and none of another', async () => {
    const { brokerageId } = freshOwner();
    const dana = createMockProfile({
      agentId: `${brokerageId}-dana`,
      brokerageId,
      autoFollowUp: true,
      status: 'active',
    });
    const omar = createMockProfile({
      agentId: `${brokerageId}-omar`,
      brokerageId,
      autoFollowUp: true,
      status: 'active',
    });
    await agents.createIfAbsent(omar);
    await agents.createIfAbsent(dana);
    await agents.createIfAbsent(createMockProfile({ ...freshOwner(), autoFollowUp: true, status: 'active' }));

    expect(await agents.listForBrokerage(brokerageId)).toEqual([dana, omar]);
  });

  it('changes a profile only from the version it was read at', async () => {
    const { agentId, brokerageId } = freshOwner();
    const profile = createMockProfile({ agentId, brokerageId, autoFollowUp: true, status: 'active' });
    await agents.createIfAbsent(profile);
    const renamed = { ...profile, name: 'Dana Lee-Park', version: 2 };
    await agents.update(profile, renamed);

    await expect(agents.update(profile, { ...profile, name: 'Stale', version: 2 })).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(await agents.get(agentId)).toEqual(renamed);
  });

  it('passes on failures that are not refusals', async () => {
    const { agentId, brokerageId } = freshOwner();
    const profile = createMockProfile({ agentId, brokerageId, autoFollowUp: true, status: 'active' });

    failNext = { command: 'PutItemCommand', error: throttled() };
    await expect(agents.createIfAbsent(profile)).rejects.toThrow('Throughput exceeded');
    await agents.createIfAbsent(profile);
    failNext = { command: 'PutItemCommand', error: throttled() };
    await expect(agents.update(profile, { ...profile, version: 2 })).rejects.toThrow('Throughput exceeded');
    expect(await agents.get(agentId)).toEqual(profile);
  });
});
