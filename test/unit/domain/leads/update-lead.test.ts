import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  PreconditionRequiredError,
  StaleVersionError,
  ValidationError,
} from '../../../../lambdas/domain/errors';
import { createLead } from '../../../../lambdas/domain/leads/create-lead';
import { DuplicateLeadError } from '../../../../lambdas/domain/leads/lead-errors';
import { loadLeadFor } from '../../../../lambdas/domain/leads/load-lead';
import { updateLead } from '../../../../lambdas/domain/leads/update-lead';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { UpdateLeadBody } from '../../../../schemas/api/leads';
import { updateLeadBody } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();

/** A patch body as the API would have parsed it. */
const patch = (input: Record<string, unknown>): UpdateLeadBody => updateLeadBody.parse(input);

const setup = async (overrides: Parameters<typeof createMockLead>[0] = {}) => {
  const clock = fixedClock('2026-03-02T14:00:00.000Z');
  const deps = createInMemoryDeps(clock);
  const lead = createMockLead({ name: 'Sam Rivera', ...overrides });
  await deps.leads.create(lead, []);
  clock.set('2026-03-03T09:30:00.000Z');
  return { deps, lead, clock };
};

describe('updateLead', () => {
  it('asks for the version the app read when neither If-Match nor version is sent', async () => {
    const { deps, lead } = await setup();

    const attempt = updateLead(dana, lead.leadId, patch({ status: 'contacted' }), undefined, deps);

    await expect(attempt).rejects.toBeInstanceOf(PreconditionRequiredError);
    await expect(attempt).rejects.toMatchObject({
      message: 'Send the version you read, as an If-Match header or a `version` field',
    });
    expect(await loadLeadFor(dana, lead.leadId, deps)).toEqual(lead);
  });

  it('refuses a stale version with StaleVersionError and changes nothing', async () => {
    const { deps, lead } = await setup();
    await updateLead(dana, lead.leadId, patch({ version: 1, status: 'contacted' }), undefined, deps);

    const attempt = updateLead(dana, lead.leadId, patch({ version: 1, status: 'lost' }), undefined, deps);

    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    await expect(attempt).rejects.toMatchObject({ extensions: { currentVersion: 2 } });
    expect(await loadLeadFor(dana, lead.leadId, deps)).toMatchObject({ status: 'contacted', version: 2 });
  });

  it('takes the version from If-Match over the body', async () => {
    const { deps, lead } = await setup();

    const updated = await updateLead(dana, lead.leadId, patch({ version: 7, status: 'qualified' }), 1, deps);

    expect(updated).toMatchObject({ status: 'qualified', version: 2 });
  });

  it('refuses a write that lost the race to another one after the version check', async () => {
    const { deps, lead } = await setup();
    // Another request saves between this one's read and its write.
    const leads = {
      ...deps.leads,
      get: async (leadId: string) => {
        const current = await deps.leads.get(leadId);
        if (current)
          await deps.leads.update(current, { ...current, name: 'Sam R.', version: current.version + 1 });
        return current;
      },
    };

    const attempt = updateLead(dana, lead.leadId, patch({ version: 1, status: 'lost' }), undefined, {
      ...deps,
      leads,
    });

    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    expect(await loadLeadFor(dana, lead.leadId, deps)).toMatchObject({
      name: 'Sam R.',
      status: 'new',
      version: 2,
    });
  });

  it('marks a lead hot by hand, so the score no longer sets its temperature', async () => {
    const { deps, lead } = await setup({ score: 45, temperature: 'warm' });

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, temperature: 'hot' }),
      undefined,
      deps,
    );

    expect(updated).toMatchObject({
      temperature: 'hot',
      temperatureSetBy: 'agent',
      version: 2,
      updatedAt: '2026-03-03T09:30:00.000Z',
      createdAt: lead.createdAt,
    });
    expect(await loadLeadFor(dana, lead.leadId, deps)).toEqual(updated);
  });

  it('hands the temperature back to the score when it is cleared', async () => {
    const { deps, lead } = await setup({ score: 82, temperature: 'cold', temperatureSetBy: 'agent' });

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, temperature: null }),
      undefined,
      deps,
    );

    expect(updated).toMatchObject({ temperature: 'hot', temperatureSetBy: 'score' });
  });

  it('swaps the phone claim: the old number is free again and the new one is taken', async () => {
    const deps = createInMemoryDeps();
    const { lead } = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', phone: '+1 212 555 0142' },
      deps,
    );

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, phone: '(212) 555-0187' }),
      undefined,
      deps,
    );

    expect(updated.phone).toBe('+12125550187');
    const reuse = await createLead(
      dana,
      { name: 'Kim Park', source: 'direct', phone: '+1 212 555 0142' },
      deps,
    );
    expect(reuse.lead.phone).toBe('+12125550142');
    const taken = createLead(dana, { name: 'Ana Costa', source: 'direct', phone: '+1 212 555 0187' }, deps);
    await expect(taken).rejects.toMatchObject({ existingLeadId: lead.leadId, field: 'phone' });
  });

  it("refuses a phone another of the agent's leads has, naming that lead, and changes nothing", async () => {
    const deps = createInMemoryDeps();
    const { lead: kim } = await createLead(
      dana,
      { name: 'Kim Park', source: 'direct', phone: '+1 212 555 0187' },
      deps,
    );
    const { lead: sam } = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', phone: '+1 212 555 0142' },
      deps,
    );

    const attempt = updateLead(
      dana,
      sam.leadId,
      patch({ version: 1, phone: '+1 212 555 0187' }),
      undefined,
      deps,
    );

    await expect(attempt).rejects.toBeInstanceOf(DuplicateLeadError);
    await expect(attempt).rejects.toMatchObject({ existingLeadId: kim.leadId });
    expect(await loadLeadFor(dana, sam.leadId, deps)).toMatchObject({ phone: '+12125550142', version: 1 });
  });

  it('frees the email when it is removed', async () => {
    const deps = createInMemoryDeps();
    const { lead } = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', email: 'sam.rivera@example.com' },
      deps,
    );

    const updated = await updateLead(dana, lead.leadId, patch({ version: 1, email: null }), undefined, deps);

    expect(updated.email).toBeUndefined();
    const reuse = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', email: 'sam.rivera@example.com' },
      deps,
    );
    expect(reuse.lead.email).toBe('sam.rivera@example.com');
  });

  it('rejects an invalid new phone with a ValidationError naming phone', async () => {
    const { deps, lead } = await setup({ phone: '+12125550142' });

    const attempt = updateLead(dana, lead.leadId, patch({ version: 1, phone: '555' }), undefined, deps);

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      issues: [{ field: 'phone', message: 'is not a valid phone number' }],
    });
    expect(await loadLeadFor(dana, lead.leadId, deps)).toMatchObject({ phone: '+12125550142', version: 1 });
  });

  it('keeps tags unique, merges the profile and clears the property interest', async () => {
    const { deps, lead } = await setup({
      profile: { job: 'Teacher', budgetMax: 650000 },
      propertyInterest: { summary: '2-bed flat in Riverside', price: 600000, currency: 'USD' },
    });

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({
        version: 1,
        tags: ['investor', 'investor', 'cash'],
        profile: { location: 'Brooklyn' },
        propertyInterest: null,
      }),
      undefined,
      deps,
    );

    expect(updated.tags).toEqual(['investor', 'cash']);
    expect(updated.profile).toEqual({ job: 'Teacher', budgetMax: 650000, location: 'Brooklyn' });
    expect(updated.propertyInterest).toBeUndefined();
  });

  it('forgets that the old number was undeliverable when the phone changes, and only then', async () => {
    const { deps, lead } = await setup({ phone: '+12125550142', phoneStatus: 'invalid' });

    const same = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, phone: '(212) 555-0142' }),
      undefined,
      deps,
    );
    expect(same).toMatchObject({ phone: '+12125550142', phoneStatus: 'invalid' });

    const moved = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 2, phone: '+1 212 555 0187' }),
      undefined,
      deps,
    );
    expect(moved.phone).toBe('+12125550187');
    expect(moved.phoneStatus).toBeUndefined();
    expect((await loadLeadFor(dana, lead.leadId, deps)).phoneStatus).toBeUndefined();
  });

  it('rescores after a status or profile change and answers with the rescored lead', async () => {
    const { deps, lead } = await setup({ score: 40 });
    const asked: string[] = [];
    const scorer = {
      rescore: async (leadId: string, trigger: string) => {
        asked.push(trigger);
        const stored = (await deps.leads.get(leadId))!;
        return { lead: { ...stored, score: 71 }, score: {} as never };
      },
    };
    const withScorer = { ...deps, scorer };

    const qualified = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, status: 'qualified' }),
      undefined,
      withScorer,
    );
    const profiled = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 2, profile: { budgetMax: 700000 } }),
      undefined,
      withScorer,
    );
    const interested = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 3, propertyInterest: null }),
      undefined,
      withScorer,
    );

    expect(asked).toEqual(['status_change', 'profile_change', 'profile_change']);
    expect([qualified.score, profiled.score, interested.score]).toEqual([71, 71, 71]);
    expect(qualified.status).toBe('qualified');
  });

  it('leaves the score alone when only the name, tags or temperature change', async () => {
    const { deps, lead } = await setup({ score: 40 });
    const asked: string[] = [];
    const scorer = {
      rescore: async (_leadId: string, trigger: string) => {
        asked.push(trigger);
        return undefined;
      },
    };

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, name: 'Sam R.', tags: ['cash'], temperature: 'hot', status: 'new' }),
      undefined,
      { ...deps, scorer },
    );

    expect(asked).toEqual([]);
    expect(updated).toMatchObject({ name: 'Sam R.', tags: ['cash'], temperature: 'hot', score: 40 });
    expect(updated).not.toHaveProperty('profile');
  });

  it('answers with its own write when the rescore finds nothing to return', async () => {
    const { deps, lead } = await setup({ score: 40 });
    const scorer = { rescore: async () => undefined };

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, status: 'contacted' }),
      undefined,
      { ...deps, scorer },
    );

    expect(updated).toMatchObject({ status: 'contacted', version: 2, score: 40 });
  });

  it('changes only what the patch names, keeping every other field as it was', async () => {
    const { deps, lead } = await setup({
      phone: '+12125550142',
      phoneStatus: 'invalid',
      email: 'sam.rivera@example.com',
      status: 'contacted',
      temperature: 'cold',
      temperatureSetBy: 'agent',
      tags: ['investor'],
      profile: { job: 'Teacher' },
      propertyInterest: { summary: '2-bed flat in Riverside', price: 600000, currency: 'USD' },
    });

    const updated = await updateLead(dana, lead.leadId, patch({ version: 1 }), undefined, deps);

    expect(updated).toEqual({ ...lead, version: 2, updatedAt: '2026-03-03T09:30:00.000Z' });
    expect(await loadLeadFor(dana, lead.leadId, deps)).toEqual(updated);
  });

  it('removes the phone and frees the number', async () => {
    const deps = createInMemoryDeps();
    const { lead } = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', phone: '+1 212 555 0142' },
      deps,
    );

    const updated = await updateLead(dana, lead.leadId, patch({ version: 1, phone: null }), undefined, deps);

    expect(updated.phone).toBeUndefined();
    const reuse = await createLead(dana, { name: 'Kim Park', source: 'direct', phone: '+12125550142' }, deps);
    expect(reuse.lead.phone).toBe('+12125550142');
  });

  it('stores a new email in its normal form, with what the brokerage holds for that address', async () => {
    const { deps, lead } = await setup({ email: 'sam.rivera@example.com' });
    await deps.consents.record(
      lead.brokerageId,
      { kind: 'email', value: 'sam.r@example.com' },
      {
        channel: 'email',
        state: 'opted_out',
        changedAt: '2026-02-20T10:00:00.000Z',
        via: 'unsubscribe_link',
        recordedAt: '2026-02-20T10:00:00.000Z',
      },
    );

    const updated = await updateLead(
      dana,
      lead.leadId,
      patch({ version: 1, email: 'Sam.R@Example.com' }),
      undefined,
      deps,
    );

    expect(updated.email).toBe('sam.r@example.com');
    expect(updated.consent).toMatchObject({ email: 'opted_out', emailChangedAt: '2026-02-20T10:00:00.000Z' });
  });

  it("answers another agent's lead with not-found, even without a version", async () => {
    const { deps, lead } = await setup({ agentId: 'agent-omar-haddad' });

    const attempt = updateLead(dana, lead.leadId, patch({ status: 'lost' }), undefined, deps);

    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
  });
});
