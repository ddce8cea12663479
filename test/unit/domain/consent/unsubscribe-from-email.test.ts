import { describe, expect, it } from 'vitest';
import {
  type UnsubscribeDeps,
  unsubscribeFromEmail,
} from '../../../../lambdas/domain/consent/unsubscribe-from-email';
import { unsubscribeLinkFor } from '../../../../lambdas/domain/consent/unsubscribe-link-for';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { UnsubscribeTarget } from '../../../../lambdas/ports/unsubscribe-tokens';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockLead } from '../../../helpers/factories';
import { BROKERAGE_ID, createInMemoryMessagingDeps } from '../messaging/in-memory-messaging';

const NOW = '2026-03-02T15:00:00.000Z';
const ADDRESS = 'priya.shah@example.com';

/** The brokerage's leads, consent registry and receipts in memory, and tokens issued per address hash. */
const world = () => {
  const base = createInMemoryMessagingDeps(fixedClock(NOW));
  const tokens = new Map<string, UnsubscribeTarget>();
  const issued: { brokerageId: string; contactHash: string; leadIds: string[] }[] = [];
  const deps: UnsubscribeDeps = {
    ...base,
    tokens: { find: async (token) => structuredClone(tokens.get(token)) },
  };
  const linkDeps = {
    ...base,
    brokerageId: BROKERAGE_ID,
    apiBaseUrl: 'https://api.example.com/crm//',
    tokens: {
      issue: async (brokerageId: string, contactHash: string, leadIds: string[]) => {
        issued.push({ brokerageId, contactHash, leadIds });
        tokens.set('tok/1+a', { brokerageId, contactHash, leadIds });
        return 'tok/1+a';
      },
    },
  };
  const addLead = async (overrides: Partial<Lead>) => {
    const lead = createMockLead({ brokerageId: BROKERAGE_ID, email: ADDRESS, ...overrides });
    await base.leads.create(lead, []);
    return lead;
  };
  const hash = base.consents.hashOf({ kind: 'email', value: ADDRESS });
  const emailConsent = async () => base.consents.find(BROKERAGE_ID, [{ kind: 'email', value: ADDRESS }]);
  return { base, deps, linkDeps, tokens, issued, addLead, hash, emailConsent };
};

describe('unsubscribeLinkFor', () => {
  it('issues the address token for every lead holding it, with the address only as its hash', async () => {
    const { linkDeps, addLead, issued, hash } = world();
    const first = await addLead({ agentId: 'agent-one' });
    const second = await addLead({ agentId: 'agent-two' });

    const link = await unsubscribeLinkFor('  Priya.Shah@Example.com ', linkDeps);

    expect(link).toBe('https://api.example.com/crm/unsubscribe/tok%2F1%2Ba');
    expect(issued).toEqual([
      { brokerageId: BROKERAGE_ID, contactHash: hash, leadIds: [first.leadId, second.leadId] },
    ]);
    expect(JSON.stringify(issued)).not.toContain('priya');
  });

  it('issues a link for an address no lead holds yet', async () => {
    const { linkDeps, issued } = world();

    await unsubscribeLinkFor(ADDRESS, { ...linkDeps, apiBaseUrl: 'https://api.example.com' });

    expect(issued[0]?.leadIds).toEqual([]);
  });
});

describe('unsubscribeFromEmail', () => {
  it('marks every lead holding the address opted out of email, with a timeline entry and an opt-out event', async () => {
    const { base, deps, linkDeps, addLead, emailConsent } = world();
    const first = await addLead({ agentId: 'agent-one', consent: { whatsapp: 'opted_in' } });
    const second = await addLead({ agentId: 'agent-two' });
    await unsubscribeLinkFor(ADDRESS, linkDeps);

    const result = await unsubscribeFromEmail('tok/1+a', deps);

    expect(result).toEqual({ leadIds: [first.leadId, second.leadId] });
    expect(await base.leads.get(first.leadId)).toMatchObject({
      version: first.version + 1,
      updatedAt: NOW,
      consent: { whatsapp: 'opted_in', email: 'opted_out', emailChangedAt: NOW, updatedAt: NOW },
    });
    expect((await base.leads.get(second.leadId))?.consent?.email).toBe('opted_out');
    const [entry] = (await base.interactions.listTimeline(first.leadId, { limit: 5 })).items;
    expect(entry).toMatchObject({
      type: 'consent',
      direction: 'inbound',
      text: 'Unsubscribed from email with the link in an email: nothing more is sent there',
      occurredAt: NOW,
      metadata: { channel: 'email', consent: 'opted_out', via: 'unsubscribe_link' },
    });
    expect(base.events).toEqual([
      expect.objectContaining({
        leadId: first.leadId,
        type: 'lead.opted_out',
        channel: 'email',
        occurredAt: NOW,
        data: { via: 'unsubscribe_link', interactionId: entry?.interactionId },
      }),
      expect.objectContaining({ leadId: second.leadId, type: 'lead.opted_out', channel: 'email' }),
    ]);
    expect(await emailConsent()).toEqual([
      { channel: 'email', state: 'opted_out', changedAt: NOW, via: 'unsubscribe_link', recordedAt: NOW },
    ]);
  });

  it('changes nothing more on a second click', async () => {
    const { base, deps, linkDeps, addLead } = world();
    const lead = await addLead({});
    await unsubscribeLinkFor(ADDRESS, linkDeps);
    await unsubscribeFromEmail('tok/1+a', deps);

    const again = await unsubscribeFromEmail('tok/1+a', deps);

    expect(again).toEqual({ leadIds: [] });
    expect(base.events).toHaveLength(1);
    expect((await base.leads.get(lead.leadId))?.version).toBe(lead.version + 1);
  });

  it('leaves a lead whose address changed since the link was made, and one erased since', async () => {
    const { base, deps, linkDeps, addLead, emailConsent } = world();
    const moved = await addLead({ agentId: 'agent-one' });
    const erased = await addLead({ agentId: 'agent-two' });
    await unsubscribeLinkFor(ADDRESS, linkDeps);
    await base.leads.update(moved, { ...moved, email: 'priya.new@example.com', version: moved.version + 1 });
    await base.leads.erase(erased);

    const result = await unsubscribeFromEmail('tok/1+a', deps);

    expect(result).toEqual({ leadIds: [] });
    expect((await base.leads.get(moved.leadId))?.consent).toBeUndefined();
    expect(base.events).toEqual([]);
    // The address itself stays suppressed: a lead created with it later starts opted out.
    expect(await emailConsent()).toHaveLength(1);
  });

  it('leaves a lead that has no email any more', async () => {
    const { base, deps, linkDeps, addLead } = world();
    const lead = await addLead({});
    await unsubscribeLinkFor(ADDRESS, linkDeps);
    const { email: _email, ...withoutEmail } = lead;
    await base.leads.update(lead, { ...withoutEmail, version: lead.version + 1 });

    expect(await unsubscribeFromEmail('tok/1+a', deps)).toEqual({ leadIds: [] });
  });

  it('applies the opt-out to the lead as it stands when someone changed it meanwhile', async () => {
    const { base, deps, linkDeps, addLead } = world();
    const lead = await addLead({});
    await unsubscribeLinkFor(ADDRESS, linkDeps);
    // The agent renames the lead between the read and the write.
    let reads = 0;
    const racing: UnsubscribeDeps = {
      ...deps,
      leads: {
        get: async (leadId) => {
          const current = await base.leads.get(leadId);
          reads += 1;
          if (reads === 1 && current) {
            await base.leads.update(current, { ...current, name: 'Priya S.', version: current.version + 1 });
          }
          return current;
        },
      },
    };

    const result = await unsubscribeFromEmail('tok/1+a', racing);

    expect(result).toEqual({ leadIds: [lead.leadId] });
    expect(await base.leads.get(lead.leadId)).toMatchObject({
      name: 'Priya S.',
      version: lead.version + 2,
      consent: { email: 'opted_out' },
    });
  });

  it('answers 404 for a token never issued, recording nothing', async () => {
    const { deps, emailConsent } = world();

    await expect(unsubscribeFromEmail('made-up', deps)).rejects.toThrow(
      new NotFoundError('This unsubscribe link'),
    );
    expect(await emailConsent()).toEqual([]);
  });
});
