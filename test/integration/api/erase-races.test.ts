import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentRepository } from '../../../lambdas/adapters/dynamodb/agent-repository';
import { createConsentRegistry } from '../../../lambdas/adapters/dynamodb/consent-registry';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createInteractionRepository } from '../../../lambdas/adapters/dynamodb/interaction-repository';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createScoreRepository } from '../../../lambdas/adapters/dynamodb/score-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { Actor } from '../../../lambdas/domain/actor';
import type { IntelligenceDeps } from '../../../lambdas/domain/intelligence/deps';
import { recordLeadOutcome } from '../../../lambdas/domain/intelligence/record-lead-outcome';
import { rescoreLead } from '../../../lambdas/domain/intelligence/rescore-lead';
import { eraseLead } from '../../../lambdas/domain/leads/erase-lead';
import { LeadGoneError } from '../../../lambdas/domain/leads/lead-errors';
import { updateLead } from '../../../lambdas/domain/leads/update-lead';
import { heuristicContentAnalyzer } from '../../../lambdas/domain/scoring/heuristic-content-analyzer';
import { systemClock } from '../../../lambdas/ports/clock';
import { createIdGenerator } from '../../../lambdas/shared/ids';
import type { Lead } from '../../../schemas/api/leads';
import { scanTable } from '../../helpers/dynamodb';
import { noFollowUps } from '../../helpers/in-memory-repositories';
import { agent1, type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let deps: IntelligenceDeps;
let crm: CrmService;

const actor: Actor = {
  agentId: agent1.sub,
  brokerageId: agent1.brokerageId,
  role: 'agent',
  email: agent1.email,
};

beforeAll(async () => {
  api = await startTestApi();
  crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    api.tableName,
  );
  deps = {
    leads: createLeadRepository(crm),
    interactions: createInteractionRepository(crm),
    agents: createAgentRepository(crm),
    scores: createScoreRepository(crm),
    consents: createConsentRegistry(crm),
    clock: systemClock,
    newId: createIdGenerator(),
    profileDefaults: { timezone: 'America/New_York', defaultCountry: 'US' },
    analyzer: heuristicContentAnalyzer,
    fastAnalyzer: heuristicContentAnalyzer,
  };
});
afterAll(() => api.close());

const createLead = async (phone: string): Promise<Json> => {
  const created = await api.call('POST', '/leads', {
    body: {
      name: 'Riley Hart',
      phone,
      message: 'Looking for a 3-bed near the park, budget 600k, can view Saturday',
    },
  });
  expect(created.status).toBe(201);
  return created.body;
};

/** A writer that read the lead (and its latest score) before the erase began, and writes on that reading. */
const staleReader = async (leadId: string): Promise<IntelligenceDeps> => {
  const lead = (await deps.leads.get(leadId)) as Lead;
  const latest = await deps.scores.latest(leadId);
  return {
    ...deps,
    leads: { ...deps.leads, get: async () => structuredClone(lead) },
    scores: { ...deps.scores, latest: async () => latest },
  };
};

/**
 * Erases the lead and runs `meanwhile` at the worst moment: after the lead is marked and its partition
 * emptied, just before the lead and its claims are deleted (the erase's one transaction). Resolves with how
 * `meanwhile` ended.
 */
const eraseWith = async (leadId: string, meanwhile: () => Promise<unknown>) => {
  let outcome: PromiseSettledResult<unknown> | undefined;
  const write: CrmService['transaction']['write'] = (items) => {
    const transaction = crm.transaction.write(items);
    const go = transaction.go.bind(transaction);
    transaction.go = (async (options?: Parameters<typeof go>[0]) => {
      outcome ??= (await Promise.allSettled([meanwhile()]))[0];
      return go(options);
    }) as typeof go;
    return transaction;
  };
  const pausing = { ...crm, transaction: { ...crm.transaction, write } } as CrmService;
  await eraseLead(actor, leadId, { leads: createLeadRepository(pausing), ...noFollowUps() });
  if (!outcome) throw new Error('The erase never reached its final delete');
  return outcome;
};

/** Whatever the table still holds about the lead: its items, and claims on the numbers it had. */
const leftovers = async (leadId: string, phones: string[]) =>
  (await scanTable(api.tableName)).filter(
    (item) =>
      item.leadId === leadId ||
      String(item.pk).includes(leadId.toLowerCase()) ||
      phones.some((phone) => JSON.stringify(item).includes(phone)),
  );

const expectGone = (outcome: PromiseSettledResult<unknown>) => {
  expect(outcome.status).toBe('rejected');
  expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(LeadGoneError);
};

describe('a write that read the lead before its erase', () => {
  it('refuses a stale PATCH of the phone, leaves no claim, and both numbers take a new lead', async () => {
    const lead = await createLead('+12125550171');
    const stale = await staleReader(lead.leadId);

    const outcome = await eraseWith(lead.leadId, () =>
      updateLead(actor, lead.leadId, { phone: '+1 212 555 0172' }, lead.version, stale),
    );

    expectGone(outcome);
    expect(await leftovers(lead.leadId, ['+12125550171', '+12125550172'])).toEqual([]);
    expect((await createLead('+12125550172')).phone).toBe('+12125550172');
    expect((await createLead('+12125550171')).phone).toBe('+12125550171');
  });

  it('refuses a stale rescore and leaves no score snapshot behind', async () => {
    const lead = await createLead('+12125550173');
    const stale = await staleReader(lead.leadId);
    const read = (await stale.leads.get(lead.leadId)) as Lead;

    const outcome = await eraseWith(lead.leadId, () => rescoreLead(read, 'on_demand', stale));

    expectGone(outcome);
    expect(await leftovers(lead.leadId, ['+12125550173'])).toEqual([]);
    expect((await createLead('+12125550173')).phone).toBe('+12125550173');
  });

  it('refuses a stale outcome: no note, event or snapshot survives the erase', async () => {
    const lead = await createLead('+12125550174');
    const stale = await staleReader(lead.leadId);

    const outcome = await eraseWith(lead.leadId, () =>
      recordLeadOutcome(actor, lead.leadId, { outcome: 'converted' }, stale),
    );

    expectGone(outcome);
    expect(await leftovers(lead.leadId, ['+12125550174'])).toEqual([]);
    expect((await createLead('+12125550174')).phone).toBe('+12125550174');
  });

  it('removes the claim of a number the lead moved to between the erase’s read and its mark', async () => {
    const lead = await createLead('+12125550175');
    const eraser = createLeadRepository(crm);

    await eraseLead(actor, lead.leadId, {
      ...noFollowUps(),
      leads: {
        ...eraser,
        // The edit lands after the erase read the lead and before it marks it.
        erase: async (read) => {
          const moved = await api.call('PATCH', `/leads/${lead.leadId}`, {
            body: { phone: '+1 212 555 0176' },
            headers: { 'if-match': String(lead.version) },
          });
          expect(moved.status).toBe(200);
          return eraser.erase(read);
        },
      },
    });

    expect(await leftovers(lead.leadId, ['+12125550175', '+12125550176'])).toEqual([]);
    expect((await createLead('+12125550176')).phone).toBe('+12125550176');
  });
});
