import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createUnsubscribeTokenStore } from '../../../lambdas/adapters/dynamodb/unsubscribe-token-store';
import { fixedClock } from '../../../lambdas/ports/clock';
import type { UnsubscribeTokens } from '../../../lambdas/ports/unsubscribe-tokens';
import { scanTable } from '../../helpers/dynamodb';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

const BROKERAGE = 'brokerage-riverside';
const clock = fixedClock('2026-11-25T12:00:00.000Z');
let tokens: UnsubscribeTokens;
let documents: DynamoDBDocumentClient;
let tableName: string;
let sent: SentCommand[];
let contacts = 0;
const nextContact = () => `contact-hash-${++contacts}`;

/** Runs `act` once, around the next command of that name this client sends. */
let hook: { command: string; act: (send: () => Promise<unknown>) => Promise<unknown> } | undefined;

let service: CrmService;

beforeAll(async () => {
  const table = await createRecordedTable();
  ({ documents, tableName, sent } = table);
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const armed = hook;
      if (!armed || armed.command !== context.commandName) return next(args);
      hook = undefined;
      return armed.act(() => next(args)) as ReturnType<typeof next>;
    },
    { step: 'initialize', name: 'testHook' },
  );
  service = table.service;
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  tokens = createUnsubscribeTokenStore(service, clock);
});

afterEach(() => {
  hook = undefined;
});

const stored = async (contactHash: string) =>
  (await scanTable(tableName)).filter((item) => item.contactHash === contactHash);

describe('unsubscribe token store (DynamoDB Local)', () => {
  it('makes one token per contact point, with the leads it covers and when it was made', async () => {
    const contact = nextContact();
    const token = await tokens.issue(BROKERAGE, contact, ['lead-a', 'lead-b']);

    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const items = await stored(contact);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ brokerageId: BROKERAGE, token, createdAt: '2026-11-25T12:00:00.000Z' });
    expect(await tokens.find(token)).toEqual({
      brokerageId: BROKERAGE,
      contactHash: contact,
      leadIds: expect.arrayContaining(['lead-a', 'lead-b']),
    });
  });

  it('gives the same token ever after, adding only the leads it did not cover yet', async () => {
    const contact = nextContact();
    const token = await tokens.issue(BROKERAGE, contact, ['lead-a']);

    expect(await tokens.issue(BROKERAGE, contact, ['lead-a', 'lead-c'])).toBe(token);
    expect((await tokens.find(token))?.leadIds.sort()).toEqual(['lead-a', 'lead-c']);

    const from = sent.length;
    expect(await tokens.issue(BROKERAGE, contact, ['lead-c', 'lead-a'])).toBe(token);
    expect(sentOf(sent, 'UpdateItemCommand', from)).toEqual([]);
    expect(await tokens.issue(BROKERAGE, contact, [])).toBe(token);
    expect((await tokens.find(token))?.leadIds.sort()).toEqual(['lead-a', 'lead-c']);
    expect(await stored(contact)).toHaveLength(1);
  });

  it('makes a token for a contact point with no lead yet, covering none', async () => {
    const contact = nextContact();
    const token = await tokens.issue(BROKERAGE, contact, []);

    expect(await tokens.find(token)).toEqual({ brokerageId: BROKERAGE, contactHash: contact, leadIds: [] });
    expect(await tokens.issue(BROKERAGE, contact, ['lead-d'])).toBe(token);
    expect((await tokens.find(token))?.leadIds).toEqual(['lead-d']);
  });

  it('reads the contact point consistently, so a token just made is never made twice', async () => {
    const contact = nextContact();
    const from = sent.length;
    await tokens.issue(BROKERAGE, contact, ['lead-a']);
    await tokens.issue(BROKERAGE, contact, ['lead-a']);

    const gets = sentOf(sent, 'GetItemCommand', from);
    expect(gets).toHaveLength(2);
    expect(gets.every((get) => get.input.ConsistentRead === true)).toBe(true);
  });

  it('shares the token another send made first, and adds its own leads to it', async () => {
    const contact = nextContact();
    let rival = '';
    hook = {
      command: 'GetItemCommand',
      act: async (send) => {
        const result = await send();
        rival = await tokens.issue(BROKERAGE, contact, ['lead-first']);
        return result;
      },
    };

    const from = sent.length;
    const token = await tokens.issue(BROKERAGE, contact, ['lead-second']);

    expect(rival).not.toBe('');
    expect(token).toBe(rival);
    expect((await tokens.find(token))?.leadIds.sort()).toEqual(['lead-first', 'lead-second']);
    const rereads = sentOf(sent, 'GetItemCommand', from);
    expect(rereads.every((get) => get.input.ConsistentRead === true)).toBe(true);
    expect(await stored(contact)).toHaveLength(1);
  });

  it('adds nothing to the token another send made first when it already covers the same leads', async () => {
    const contact = nextContact();
    hook = {
      command: 'GetItemCommand',
      act: async (send) => {
        const result = await send();
        await tokens.issue(BROKERAGE, contact, ['lead-both']);
        return result;
      },
    };

    const from = sent.length;
    const token = await tokens.issue(BROKERAGE, contact, ['lead-both']);

    expect((await tokens.find(token))?.leadIds).toEqual(['lead-both']);
    expect(sentOf(sent, 'UpdateItemCommand', from)).toEqual([]);
  });

  it('passes the refusal on when the token that beat it is gone again', async () => {
    const contact = nextContact();
    hook = {
      command: 'GetItemCommand',
      act: async (send) => {
        const result = await send();
        await tokens.issue(BROKERAGE, contact, ['lead-first']);
        hook = {
          command: 'GetItemCommand',
          act: async (again) => {
            const [{ pk, sk }] = (await stored(contact)) as [{ pk: string; sk: string }];
            await documents.send(new DeleteCommand({ TableName: tableName, Key: { pk, sk } }));
            return again();
          },
        };
        return result;
      },
    };

    await expect(tokens.issue(BROKERAGE, contact, ['lead-second'])).rejects.toMatchObject({
      cause: { name: 'ConditionalCheckFailedException' },
    });
  });

  it('passes on a failed write that is not a refusal, even if the item landed', async () => {
    const contact = nextContact();
    hook = {
      command: 'PutItemCommand',
      act: async (send) => {
        await send();
        throw new Error('Socket hang up');
      },
    };

    await expect(tokens.issue(BROKERAGE, contact, ['lead-a'])).rejects.toThrow('Socket hang up');
  });

  it('finds nothing for a token it never made, and reads one item for a token', async () => {
    const from = sent.length;
    expect(await tokens.find('not-a-token-we-made')).toBeUndefined();
    expect(sentOf(sent, 'QueryCommand', from).map((query) => query.input.Limit)).toEqual([1]);
  });
});
