import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lambdas/domain/errors';
import { createLead } from '../../../../lambdas/domain/leads/create-lead';
import { DuplicateLeadError } from '../../../../lambdas/domain/leads/lead-errors';
import { loadLeadFor } from '../../../../lambdas/domain/leads/load-lead';
import { getTimeline } from '../../../../lambdas/domain/timeline/get-timeline';
import { createLeadBody } from '../../../../schemas/api/leads';
import { createMockActor, createMockProfile } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

/** A request body as the API would have parsed it. */
const body = (input: Record<string, unknown>) => createLeadBody.parse(input);

describe('createLead', () => {
  it('stores the phone in E.164, reading a number without + in the agent country', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();

    const { lead } = await createLead(actor, body({ name: 'Sam Rivera', phone: '(212) 555-0142' }), deps);

    expect(lead.phone).toBe('+12125550142');
    expect(await loadLeadFor(actor, lead.leadId, deps)).toMatchObject({ phone: '+12125550142' });
  });

  it("reads a local number with the agent's own default country", async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();
    await deps.agents.createIfAbsent(createMockProfile({ agentId: actor.agentId, defaultCountry: 'GB' }));

    const { lead } = await createLead(actor, body({ name: 'Sam Rivera', phone: '020 7946 0018' }), deps);

    expect(lead.phone).toBe('+442079460018');
  });

  it('keeps an international number as typed when it starts with +', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();
    await deps.agents.createIfAbsent(createMockProfile({ agentId: actor.agentId, defaultCountry: 'GB' }));

    const { lead } = await createLead(actor, body({ name: 'Sam Rivera', phone: '+1 212 555 0142' }), deps);

    expect(lead.phone).toBe('+12125550142');
  });

  it('rejects an invalid phone with a ValidationError naming phone and stores nothing', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();

    const attempt = createLead(actor, body({ name: 'Sam Rivera', phone: '12345' }), deps);

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'phone' }] });
    const page = await deps.leads.listForAgent({ agentId: actor.agentId, sort: 'newest', limit: 10 });
    expect(page.items).toEqual([]);
  });

  it('answers a phone the agent already has, however it is typed, with the existing lead id', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();
    const { lead: first } = await createLead(
      actor,
      body({ name: 'Sam Rivera', phone: '+1 212 555 0142' }),
      deps,
    );

    const attempt = createLead(actor, body({ name: 'Samuel Rivera', phone: '212-555-0142' }), deps);

    await expect(attempt).rejects.toBeInstanceOf(DuplicateLeadError);
    await expect(attempt).rejects.toMatchObject({
      existingLeadId: first.leadId,
      field: 'phone',
      message: 'A lead with this phone already exists',
    });
    const page = await deps.leads.listForAgent({ agentId: actor.agentId, sort: 'newest', limit: 10 });
    expect(page.items.map((lead) => lead.leadId)).toEqual([first.leadId]);
  });

  it('answers an email the agent already has, in any letter case, with the existing lead id', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();
    const { lead: first } = await createLead(
      actor,
      body({ name: 'Sam Rivera', email: 'sam.rivera@example.com' }),
      deps,
    );

    const attempt = createLead(actor, body({ name: 'Sam Rivera', email: 'Sam.Rivera@EXAMPLE.com' }), deps);

    await expect(attempt).rejects.toMatchObject({ existingLeadId: first.leadId, field: 'email' });
  });

  it('stores the email in lower case', async () => {
    const deps = createInMemoryDeps();

    const { lead } = await createLead(
      createMockActor(),
      body({ name: 'Sam Rivera', email: 'Sam.Rivera@Example.com' }),
      deps,
    );

    expect(lead.email).toBe('sam.rivera@example.com');
  });

  it('lets two agents each have a lead with the same phone', async () => {
    const deps = createInMemoryDeps();
    const dana = createMockActor();
    const omar = createMockActor({
      agentId: 'agent-omar-haddad',
      email: 'omar.haddad@example.com',
      name: 'Omar Haddad',
    });
    await createLead(dana, body({ name: 'Sam Rivera', phone: '+1 212 555 0142' }), deps);

    const { lead } = await createLead(omar, body({ name: 'Sam Rivera', phone: '+1 212 555 0142' }), deps);

    expect(lead).toMatchObject({ agentId: 'agent-omar-haddad', phone: '+12125550142' });
  });

  it('starts a new lead unscored, warm and new, owned by the agent', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();

    const { lead } = await createLead(
      actor,
      body({ name: 'Sam Rivera', tags: ['buyer', 'buyer', 'riverside'] }),
      deps,
    );

    expect(lead).toMatchObject({
      agentId: actor.agentId,
      brokerageId: actor.brokerageId,
      status: 'new',
      temperature: 'warm',
      temperatureSetBy: 'score',
      score: 0,
      version: 1,
      tags: ['buyer', 'riverside'],
      source: 'direct',
      createdAt: '2026-03-02T14:00:00.000Z',
    });
  });

  it('opens the timeline with a system entry and the inquiry as an inbound message of the source channel', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();

    const { lead } = await createLead(
      actor,
      body({
        name: 'Sam Rivera',
        source: 'facebook_comment',
        message: 'Is the Riverside townhouse still available?',
      }),
      deps,
    );

    const timeline = await getTimeline(actor, lead.leadId, { limit: 10 }, deps);
    expect(timeline.items).toEqual([
      expect.objectContaining({
        type: 'comment',
        direction: 'inbound',
        text: 'Is the Riverside townhouse still available?',
      }),
      expect.objectContaining({
        type: 'system',
        direction: 'internal',
        text: 'Lead created from facebook comment',
        createdBy: actor.agentId,
      }),
    ]);
    expect(lead.lastInteractionAt).toBe('2026-03-02T14:00:00.000Z');
  });

  it.each([
    ['whatsapp', 'whatsapp'],
    ['phone_call', 'call'],
    ['website', 'email'],
    ['facebook_lead_ad', 'email'],
  ] as const)('types the first message of a %s lead as %s', async (source, type) => {
    const deps = createInMemoryDeps();

    const { interactions } = await createLead(
      createMockActor(),
      body({ name: 'Sam Rivera', source, message: 'Looking for a 2-bed near the park' }),
      deps,
    );

    expect(interactions.map((item) => item.type)).toEqual(['system', type]);
  });

  it('records only the system entry when the lead came without a message', async () => {
    const deps = createInMemoryDeps();
    const actor = createMockActor();

    const { lead } = await createLead(actor, body({ name: 'Sam Rivera', source: 'walk_in' }), deps);

    const timeline = await getTimeline(actor, lead.leadId, { limit: 10 }, deps);
    expect(timeline.items).toEqual([
      expect.objectContaining({ type: 'system', text: 'Lead created from walk in' }),
    ]);
    expect(lead.lastInteractionAt).toBeUndefined();
    expect(lead.tags).toEqual([]);
  });

  it('scores the new lead at once and answers with the scored lead', async () => {
    const deps = createInMemoryDeps();
    const asked: string[] = [];
    const scorer = {
      rescore: async (leadId: string, trigger: string) => {
        asked.push(trigger);
        const stored = (await deps.leads.get(leadId))!;
        return { lead: { ...stored, score: 64, temperature: 'hot' as const }, score: {} as never };
      },
    };

    const { lead } = await createLead(createMockActor(), body({ name: 'Sam Rivera' }), { ...deps, scorer });

    expect(asked).toEqual(['created']);
    expect(lead).toMatchObject({ name: 'Sam Rivera', score: 64, temperature: 'hot' });
  });

  it('dates the inquiry when it happened and the lead when it was recorded', async () => {
    const deps = createInMemoryDeps();

    const { lead, interactions } = await createLead(
      createMockActor(),
      body({ name: 'Sam Rivera', source: 'facebook_comment', message: 'Price?' }),
      deps,
      { occurredAt: new Date('2026-03-02T09:15:00.000Z') },
    );

    expect(lead.createdAt).toBe('2026-03-02T14:00:00.000Z');
    expect(lead.lastInteractionAt).toBe('2026-03-02T09:15:00.000Z');
    expect(interactions.find((item) => item.type === 'comment')?.occurredAt).toBe('2026-03-02T09:15:00.000Z');
  });
});
