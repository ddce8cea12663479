import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordLeadOutcome } from '../../lambdas/domain/intelligence/record-lead-outcome';
import { scoreOnDemand } from '../../lambdas/domain/intelligence/score-on-demand';
import { createLead } from '../../lambdas/domain/leads/create-lead';
import { updateLead } from '../../lambdas/domain/leads/update-lead';
import { receiveWhatsApp } from '../../lambdas/domain/messaging/receive-whatsapp';
import { env } from '../../lambdas/shared/env';
import { intelligenceDeps, scoringLeadDeps } from '../../lambdas/shared/intelligence-wiring';
import { intakeDeps } from '../../lambdas/shared/messaging-wiring';
import { parseWhatsAppEvents, whatsAppWebhookSchema } from '../../schemas/events/whatsapp';

/** What one operation consumed, on average over the runs, as DynamoDB reports it (ReturnConsumedCapacity: INDEXES). */
export interface WriteUnitsResult {
  operation: string;
  /** DynamoDB calls that wrote (PutItem, UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem). */
  writeCalls: number;
  /** Write units on the base table. */
  tableWriteUnits: number;
  /** Write units on the global secondary indexes, by index. */
  indexWriteUnits: Record<string, number>;
  totalWriteUnits: number;
  readUnits: number;
}

interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

interface Tally {
  writeCalls: number;
  table: number;
  indexes: Record<string, number>;
  reads: number;
}

const writeCommands = new Set([
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'TransactWriteCommand',
  'BatchWriteCommand',
]);

const emptyTally = (): Tally => ({ writeCalls: 0, table: 0, indexes: {}, reads: 0 });

/**
 * Asks every document-client call of this process for its consumed capacity and adds it to `current`
 * (the bench's own wrapper: production code never asks). Returns the function that restores `send`.
 */
const measureConsumedCapacity = (current: () => Tally | undefined): (() => void) => {
  const send = DynamoDBDocumentClient.prototype.send;
  const measured = async function (this: DynamoDBDocumentClient, command: unknown, ...rest: unknown[]) {
    const { input } = command as { input: Record<string, unknown> };
    input.ReturnConsumedCapacity = 'INDEXES';
    const output = (await (send as (...args: unknown[]) => Promise<unknown>).call(
      this,
      command,
      ...rest,
    )) as {
      ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
    };
    const tally = current();
    const name = (command as object).constructor.name;
    if (tally) {
      const isWrite = writeCommands.has(name);
      if (isWrite) tally.writeCalls += 1;
      const consumed = output?.ConsumedCapacity;
      for (const capacity of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        if (!isWrite) {
          tally.reads += capacity.CapacityUnits ?? 0;
          continue;
        }
        const indexes = Object.entries(capacity.GlobalSecondaryIndexes ?? {});
        const indexUnits = indexes.reduce((sum, [, units]) => sum + (units.CapacityUnits ?? 0), 0);
        tally.table += capacity.Table?.CapacityUnits ?? (capacity.CapacityUnits ?? 0) - indexUnits;
        for (const [index, units] of indexes) {
          tally.indexes[index] = (tally.indexes[index] ?? 0) + (units.CapacityUnits ?? 0);
        }
      }
    }
    return output;
  };
  DynamoDBDocumentClient.prototype.send = measured as typeof send;
  return () => {
    DynamoDBDocumentClient.prototype.send = send;
  };
};

/** A WhatsApp text from `waId` to the business number, as Meta delivers it. */
const whatsAppTextFrom = (waId: string, phoneNumberId: string, text: string, at: Date) =>
  parseWhatsAppEvents(
    whatsAppWebhookSchema.parse({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000101',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '12125550100', phone_number_id: phoneNumberId },
                contacts: [{ profile: { name: 'Bench Lead' }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id: `wamid.BENCH${waId}${at.getTime()}`,
                    timestamp: String(Math.floor(at.getTime() / 1000)),
                    type: 'text',
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    }),
  );

/**
 * Write units per operation on DynamoDB Local, through the same wiring the handlers use: create a lead,
 * update it, rescore it, a WhatsApp message from it, record its outcome. Each run uses a lead of its own.
 */
export const measureWriteUnits = async ({
  agentId,
  runs = 10,
}: {
  agentId: string;
  runs?: number;
}): Promise<WriteUnitsResult[]> => {
  const actor = {
    agentId,
    brokerageId: env().BROKERAGE_ID,
    role: 'agent' as const,
    email: 'bench@example.com',
  };
  const phoneNumberId = '100000000000201';
  const tallies = new Map<string, Tally>();
  let current: Tally | undefined;
  const measure = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    current = tallies.get(operation) ?? emptyTally();
    tallies.set(operation, current);
    try {
      return await run();
    } finally {
      current = undefined;
    }
  };

  const restore = measureConsumedCapacity(() => current);
  try {
    for (let i = 0; i < runs; i++) {
      const waId = `1212555${String(150 + i).padStart(4, '0')}`;
      const { lead } = await measure('create lead', () =>
        createLead(
          actor,
          {
            name: `Write Units Lead ${i}`,
            phone: `+${waId}`,
            source: 'website',
            message:
              'Looking for a 3 bedroom house near the park, budget around 650k. Can we visit Saturday?',
            propertyInterest: { propertyType: 'house', bedrooms: 3, area: 'Riverside', price: 650000 },
          },
          scoringLeadDeps(),
        ),
      );
      const updated = await measure('update lead', () =>
        updateLead(
          actor,
          lead.leadId,
          { status: 'contacted', tags: ['bench', 'saturday'] },
          lead.version,
          scoringLeadDeps(),
        ),
      );
      await measure('rescore', () => scoreOnDemand(actor, lead.leadId, intelligenceDeps()));
      await measure('inbound WhatsApp message', () =>
        receiveWhatsApp(
          {
            events: whatsAppTextFrom(waId, phoneNumberId, 'Saturday at 11 works for me', new Date()),
            businessPhoneNumberId: phoneNumberId,
          },
          intakeDeps(),
        ),
      );
      await measure('outcome', () =>
        recordLeadOutcome(actor, updated.leadId, { outcome: 'converted' }, intelligenceDeps()),
      );
    }
  } finally {
    restore();
  }

  const average = (value: number) => Math.round((value / runs) * 10) / 10;
  return [...tallies].map(([operation, tally]) => {
    const indexWriteUnits = Object.fromEntries(
      Object.entries(tally.indexes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([index, units]) => [index, average(units)]),
    );
    const indexTotal = Object.values(tally.indexes).reduce((sum, units) => sum + units, 0);
    return {
      operation,
      writeCalls: average(tally.writeCalls),
      tableWriteUnits: average(tally.table),
      indexWriteUnits,
      totalWriteUnits: average(tally.table + indexTotal),
      readUnits: average(tally.reads),
    };
  });
};

/** The figures as a table: one line an operation, index write units in index order. */
export const formatWriteUnits = (results: WriteUnitsResult[]): string[] => {
  const indexes = [...new Set(results.flatMap((result) => Object.keys(result.indexWriteUnits)))].sort();
  const header = [
    'operation'.padEnd(26),
    'writes',
    ' table',
    ...indexes.map((index) => index.padStart(5)),
    ' total',
    ' reads',
  ];
  return [
    header.join(' '),
    ...results.map((result) =>
      [
        result.operation.padEnd(26),
        String(result.writeCalls).padStart(6),
        String(result.tableWriteUnits).padStart(6),
        ...indexes.map((index) => String(result.indexWriteUnits[index] ?? 0).padStart(5)),
        String(result.totalWriteUnits).padStart(6),
        String(result.readUnits).padStart(6),
      ].join(' '),
    ),
  ];
};
