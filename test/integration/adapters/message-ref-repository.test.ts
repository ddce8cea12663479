import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createMessageRefRepository } from '../../../lambdas/adapters/dynamodb/message-ref-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { MessageRefRepository } from '../../../lambdas/ports/message-refs';
import { createMockInteraction, createMockLead } from '../../helpers/factories';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

let service: CrmService;
let documents: DynamoDBDocumentClient;
let sent: SentCommand[];
let refs: MessageRefRepository;
/** Runs `act` once, around the next command of that name this client sends. */
let hook: { command: string; act: (send: () => Promise<unknown>) => Promise<unknown> } | undefined;

beforeAll(async () => {
  ({ service, documents, sent } = await createRecordedTable());
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const armed = hook;
      if (!armed || armed.command !== context.commandName) return next(args);
      hook = undefined;
      return armed.act(() => next(args)) as ReturnType<typeof next>;
    },
    { step: 'initialize', name: 'testHook' },
  );
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  refs = createMessageRefRepository(service);
});

afterEach(() => {
  hook = undefined;
});

let n = 0;
const aRef = () => ({
  externalId: `wamid.ref-${++n}`,
  leadId: `lead-${n}`,
  interactionId: `int-${n}`,
  createdAt: '2026-11-25T12:00:00.000Z',
});

const sentMessage = async (extra: Parameters<typeof createMockInteraction>[0] = {}) => {
  const lead = createMockLead();
  const message = createMockInteraction({
    leadId: lead.leadId,
    type: 'whatsapp',
    direction: 'outbound',
    ...extra,
  });
  await createLeadRepository(service).create(lead, [message]);
  return message;
};

/** The ref a send records for its message. */
const refTo = ({ leadId, interactionId }: { leadId: string; interactionId: string }) => ({
  externalId: `wamid.of-${interactionId}`,
  leadId,
  interactionId,
  createdAt: '2026-11-25T12:00:00.000Z',
});

describe('message refs (DynamoDB Local)', () => {
  it('finds a ref with a consistent read, as a status racing its send needs', async () => {
    const ref = aRef();
    await refs.createIfAbsent(ref);
    const from = sent.length;

    expect(await refs.find(ref.externalId)).toEqual(ref);
    expect(await refs.find('wamid.never-sent')).toBeUndefined();
    const reads = sentOf(sent, 'GetItemCommand', from);
    expect(reads.map((read) => read.input.ConsistentRead)).toEqual([true, true]);
  });

  it('answers a ref taken first with the stored one, and fails plainly if that one vanished meanwhile', async () => {
    const ref = aRef();
    await refs.createIfAbsent(ref);
    expect(await refs.createIfAbsent({ ...ref, leadId: 'lead-other' })).toEqual(ref);

    hook = {
      command: 'PutItemCommand',
      act: async (send) => {
        try {
          return await send();
        } finally {
          await refs.remove(ref.externalId);
        }
      },
    };
    await expect(refs.createIfAbsent({ ...ref, leadId: 'lead-other' })).rejects.toThrow(
      'A message ref vanished right after it was found taken',
    );
  });

  it('passes on a failed write that is not a refusal, even when the ref landed', async () => {
    const ref = aRef();
    hook = {
      command: 'PutItemCommand',
      act: async (send) => {
        await send();
        throw Object.assign(new Error('Socket hang up'), { name: 'TimeoutError' });
      },
    };

    await expect(refs.createIfAbsent(ref)).rejects.toThrow('Socket hang up');
    expect(await refs.find(ref.externalId)).toEqual(ref);
  });

  it('reads the message a ref points to, or nothing', async () => {
    const message = await sentMessage();

    expect(await refs.interactionOf(refTo(message))).toEqual(message);
    expect(
      await refs.interactionOf(refTo({ leadId: message.leadId, interactionId: 'int-never' })),
    ).toBeUndefined();
  });

  it('sets a status without touching the metadata unless given, and passes on other failures', async () => {
    const message = await sentMessage({ metadata: { templateName: 'viewing_reminder' } });

    expect(await refs.changeDelivery(refTo(message), undefined, { deliveryStatus: 'sent' })).toBe(true);
    expect(await refs.interactionOf(refTo(message))).toEqual({ ...message, deliveryStatus: 'sent' });

    hook = {
      command: 'UpdateItemCommand',
      act: async () => {
        throw Object.assign(new Error('Throughput exceeded'), {
          name: 'ProvisionedThroughputExceededException',
        });
      },
    };
    await expect(
      refs.changeDelivery(refTo(message), 'sent', { deliveryStatus: 'delivered' }),
    ).rejects.toThrow('Throughput exceeded');
    expect((await refs.interactionOf(refTo(message)))?.deliveryStatus).toBe('sent');
  });
});
