import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../../lambdas/domain/errors';
import { intakeLead } from '../../../../lambdas/domain/messaging/lead-intake';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { CreateLeadBody } from '../../../../schemas/api/leads';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const KEY = 'wa-phone:+12125550142';
const body: CreateLeadBody = { name: 'Kai Moreno', phone: '+12125550142', source: 'whatsapp', tags: [] };

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  // No jitter: every pause before another attempt is a zero-length timer.
  vi.spyOn(Math, 'random').mockReturnValue(0);
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  for (const agentId of ['agent-a', 'agent-b'])
    await deps.agents.createIfAbsent(createMockProfile({ agentId, email: `${agentId}@example.com` }));
});
afterEach(() => vi.restoreAllMocks());

const allLeads = async () =>
  (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 50 })).items;
const reserve = async (leadId: string, createdAt: string) =>
  deps.refs.createIfAbsent({ externalId: KEY, leadId, interactionId: leadId, createdAt });

describe('intakeLead', () => {
  it('creates the lead for the agent whose turn it is, once per contact key', async () => {
    const first = await intakeLead(KEY, body, deps, NOW);
    const again = await intakeLead(KEY, body, deps, NOW);

    expect(first.created).toBe(true);
    expect(first.lead).toMatchObject({ agentId: 'agent-a', phone: '+12125550142', source: 'whatsapp' });
    expect(again).toEqual({ lead: first.lead, created: false });
    expect(await allLeads()).toHaveLength(1);
    expect((await deps.refs.find(KEY))?.leadId).toBe(first.lead.leadId);
  });

  it('keeps the number the channel vouches for instead of the body phone', async () => {
    const { lead } = await intakeLead(KEY, { ...body, phone: '2125550142' }, deps, NOW, {
      channelPhone: '+12125550142',
    });

    expect(lead.phone).toBe('+12125550142');
  });

  it('waits for the lead another delivery reserved moments ago, instead of routing a second one', async () => {
    const reserved = deps.newId();
    await reserve(reserved, new Date(NOW.getTime() - 2_000).toISOString());
    let reads = 0;
    const racing = {
      ...deps,
      leads: {
        ...deps.leads,
        get: async (leadId: string, options?: { includeErasing?: boolean }) => {
          reads += 1;
          // The other delivery's transaction lands between our second and third look.
          if (reads === 3)
            await deps.leads.create(createMockLead({ leadId, agentId: 'agent-b', name: 'Kai Moreno' }), []);
          return deps.leads.get(leadId, options);
        },
      },
    };

    const intake = await intakeLead(KEY, body, racing, NOW);

    expect(intake).toMatchObject({ created: false, lead: { leadId: reserved, agentId: 'agent-b' } });
    expect(reads).toBe(3);
    // Nobody's turn was used up.
    expect(await deps.routing.next(BROKERAGE_ID)).toBe(1);
  });

  it('creates a lead under a reservation left by a delivery that failed long ago', async () => {
    const reserved = deps.newId();
    await reserve(reserved, new Date(NOW.getTime() - 10_000).toISOString());
    let reads = 0;
    const counting = {
      ...deps,
      leads: {
        ...deps.leads,
        get: async (leadId: string) => {
          reads += 1;
          return deps.leads.get(leadId);
        },
      },
    };

    const intake = await intakeLead(KEY, body, counting, NOW);

    expect(intake).toMatchObject({ created: true, lead: { leadId: reserved } });
    // No waiting on the stale reservation: one look before creating.
    expect(reads).toBe(1);
  });

  it('creates the lead itself when the delivery that reserved it never does', async () => {
    const reserved = deps.newId();
    await reserve(reserved, new Date(NOW.getTime() - 9_999).toISOString());
    let reads = 0;
    const counting = {
      ...deps,
      leads: {
        ...deps.leads,
        get: async (leadId: string) => {
          reads += 1;
          return deps.leads.get(leadId);
        },
      },
    };

    const intake = await intakeLead(KEY, body, counting, NOW);

    // Fifteen looks while the reservation is fresh, then one before creating.
    expect(reads).toBe(16);
    expect(intake).toMatchObject({ created: true, lead: { leadId: reserved, agentId: 'agent-a' } });
  });

  it('gives the contact the lead the routed agent already has with that number', async () => {
    const typedIn = createMockLead({ agentId: 'agent-a', phone: '+12125550142', brokerageId: BROKERAGE_ID });
    await deps.leads.create(typedIn, []);

    const intake = await intakeLead(KEY, body, deps, NOW);

    expect(intake).toEqual({ lead: typedIn, created: false });
    expect(await allLeads()).toHaveLength(1);
  });

  it('tries again after a colliding write, keeping the agent it routed to', async () => {
    let creates = 0;
    const colliding = {
      ...deps,
      leads: {
        ...deps.leads,
        create: async (...args: Parameters<typeof deps.leads.create>) => {
          creates += 1;
          if (creates === 1) throw new Error('Transaction cancelled: conditional request failed');
          return deps.leads.create(...args);
        },
      },
    };

    const intake = await intakeLead(KEY, body, colliding, NOW);

    expect(intake).toMatchObject({ created: true, lead: { agentId: 'agent-a' } });
    expect(creates).toBe(2);
    expect(await deps.routing.next(BROKERAGE_ID)).toBe(2);
  });

  it('gives up after six failed attempts, with the last error', async () => {
    let creates = 0;
    const failing = {
      ...deps,
      leads: {
        ...deps.leads,
        create: async () => {
          creates += 1;
          throw new Error(`Throughput exceeded (${creates})`);
        },
      },
    };

    await expect(intakeLead(KEY, body, failing, NOW)).rejects.toThrow('Throughput exceeded (6)');
    expect(creates).toBe(6);
  });

  it('refuses at once a body the lead API refuses, without another attempt', async () => {
    let creates = 0;
    const counting = {
      ...deps,
      leads: {
        ...deps.leads,
        create: async () => {
          creates += 1;
        },
      },
    };

    let reads = 0;
    const looking = {
      ...counting,
      leads: {
        ...counting.leads,
        get: async (leadId: string) => {
          reads += 1;
          return deps.leads.get(leadId);
        },
      },
    };

    await expect(intakeLead(KEY, { ...body, phone: 'not a number' }, looking, NOW)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(creates).toBe(0);
    expect(reads).toBe(1);
  });

  it('answers with the lead a delivery created long ago under the same key', async () => {
    const first = await intakeLead(KEY, body, deps, NOW);
    const later = createInMemoryMessagingDeps(fixedClock(new Date(NOW.getTime() + 60_000)));
    const again = await intakeLead(KEY, body, { ...deps, clock: later.clock }, NOW);

    expect(again).toEqual({ lead: first.lead, created: false });
    expect(await allLeads()).toHaveLength(1);
  });

  it('counts no refused intake for a routing failure that is not a missing agent', async () => {
    const broken = {
      ...deps,
      routing: {
        next: async () => {
          throw new Error('Throughput exceeded');
        },
      },
    };

    await expect(intakeLead(KEY, body, broken, NOW)).rejects.toThrow('Throughput exceeded');
    expect(deps.counted).toEqual([]);
  });
});
