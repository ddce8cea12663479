import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, agent1, agent2, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const createLead = (body: Record<string, unknown>, as = agent1) => api.call('POST', '/leads', { as, body });

describe('creating leads', () => {
  it('stores a lead with its phone in E.164 and answers 201 with its location', async () => {
    const res = await createLead({
      name: 'Dana Lee',
      phone: '(212) 555-0101',
      email: 'Dana.Lee@Example.com',
      source: 'website',
      message: 'Is the Maple Ave house still available? We can view this weekend.',
      propertyInterest: { summary: '3-bed house, Maple Ave', price: 629000, currency: 'USD' },
      tags: ['family', 'family'],
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Dana Lee',
      phone: '+12125550101',
      email: 'dana.lee@example.com',
      status: 'new',
      tags: ['family'],
      agentId: agent1.sub,
    });
    expect(res.body.score).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('location')).toBe(`/leads/${res.body.leadId}`);

    const fetched = await api.call('GET', `/leads/${res.body.leadId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.phone).toBe('+12125550101');
    expect(fetched.headers.get('etag')).toBe(`"${res.body.version}"`);
  });

  it('answers a second lead with the same phone for the same agent with 409 and the existing id', async () => {
    const first = await createLead({ name: 'Sam Ortiz', phone: '+1 212 555 0102' });
    const again = await createLead({ name: 'Samuel Ortiz', phone: '212-555-0102' });

    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({ existingLeadId: first.body.leadId, field: 'phone' });
  });

  it('answers a duplicate email in another case with 409', async () => {
    const first = await createLead({ name: 'Priya Nair', email: 'priya.nair@example.com' });
    const again = await createLead({ name: 'P. Nair', email: 'PRIYA.NAIR@example.com' });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ existingLeadId: first.body.leadId, field: 'email' });
  });

  it('lets another agent have a lead with the same phone', async () => {
    await createLead({ name: 'Omar Haddad', phone: '+1 212 555 0103' });
    const other = await createLead({ name: 'Omar Haddad', phone: '+1 212 555 0103' }, agent2);

    expect(other.status).toBe(201);
  });

  it('records the first message on the timeline with a creation entry', async () => {
    const created = await createLead({
      name: 'Grace Kim',
      source: 'whatsapp',
      message: 'Price of the villa?',
    });
    const timeline = await api.call('GET', `/leads/${created.body.leadId}/timeline`);

    expect(timeline.status).toBe(200);
    expect(
      timeline.body.items.map((i: { type: string; direction: string }) => [i.type, i.direction]),
    ).toEqual([
      ['whatsapp', 'inbound'],
      ['system', 'internal'],
    ]);
  });
});

describe('reading and listing leads', () => {
  it('filters by status and temperature', async () => {
    const created = await createLead({ name: 'Filter Me' });
    await api.call('PATCH', `/leads/${created.body.leadId}`, {
      body: { version: created.body.version, status: 'qualified', temperature: 'hot' },
    });

    const qualified = await api.call('GET', '/leads?status=qualified');
    const hot = await api.call('GET', '/leads?temperature=hot&sort=score');

    expect(qualified.body.items.map((l: { leadId: string }) => l.leadId)).toContain(created.body.leadId);
    expect(qualified.body.items.every((l: { status: string }) => l.status === 'qualified')).toBe(true);
    expect(hot.body.items.every((l: { temperature: string }) => l.temperature === 'hot')).toBe(true);
    expect(hot.body.items.map((l: { leadId: string }) => l.leadId)).toContain(created.body.leadId);
  });

  it('answers another agent’s lead id with 404, the same as a missing one', async () => {
    const created = await createLead({ name: 'Private Lead' });

    const foreign = await api.call('GET', `/leads/${created.body.leadId}`, { as: agent2 });
    const missing = await api.call('GET', '/leads/01JD7Q3M2Y9V1X8K4T6R5W0ZAB', { as: agent2 });

    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body.title).toBe(missing.body.title);
  });

  it('lets the brokerage admin read any agent’s lead and list the whole brokerage', async () => {
    const created = await createLead({ name: 'Visible To Admin' }, agent2);

    const read = await api.call('GET', `/leads/${created.body.leadId}`, { as: admin });
    const list = await api.call('GET', '/leads?limit=100', { as: admin });
    const agents = new Set(list.body.items.map((l: { agentId: string }) => l.agentId));

    expect(read.status).toBe(200);
    expect(agents.has(agent1.sub) && agents.has(agent2.sub)).toBe(true);
  });

  it('answers an agent asking for another agent’s list with 404', async () => {
    const res = await api.call('GET', `/leads?agentId=${agent2.sub}`);
    expect(res.status).toBe(404);
  });
});

describe('updating leads', () => {
  it('marks a lead hot by hand and keeps it so until handed back to the score', async () => {
    const created = await createLead({ name: 'Mark Me Hot' });
    const hot = await api.call('PATCH', `/leads/${created.body.leadId}`, {
      body: { temperature: 'hot' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(hot.status).toBe(200);
    expect(hot.body).toMatchObject({ temperature: 'hot', temperatureSetBy: 'agent' });
    expect(hot.body.version).toBeGreaterThan(created.body.version);

    const released = await api.call('PATCH', `/leads/${created.body.leadId}`, {
      body: { version: hot.body.version, temperature: null },
    });
    expect(released.body.temperatureSetBy).toBe('score');
    expect(released.body.temperature).toBe(created.body.temperature);
  });

  it('answers a stale version with 409 and leaves the lead unchanged', async () => {
    const created = await createLead({ name: 'Two Phones' });
    const id = created.body.leadId;
    const first = await api.call('PATCH', `/leads/${id}`, {
      body: { version: created.body.version, status: 'contacted' },
    });

    const stale = await api.call('PATCH', `/leads/${id}`, {
      body: { version: created.body.version, status: 'lost' },
    });
    const after = await api.call('GET', `/leads/${id}`);

    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(first.body.version);
    expect(after.body).toMatchObject({ status: 'contacted', version: first.body.version });
  });

  it('requires the version read (428) rather than overwriting silently', async () => {
    const created = await createLead({ name: 'No Version' });
    const res = await api.call('PATCH', `/leads/${created.body.leadId}`, { body: { status: 'lost' } });
    expect(res.status).toBe(428);
  });

  it('moves the phone claim when the number changes', async () => {
    const created = await createLead({ name: 'New Number', phone: '+1 212 555 0104' });
    const changed = await api.call('PATCH', `/leads/${created.body.leadId}`, {
      body: { version: created.body.version, phone: '+1 212 555 0105' },
    });
    expect(changed.body.phone).toBe('+12125550105');

    const reuseOld = await createLead({ name: 'Old Number Reused', phone: '+1 212 555 0104' });
    const clashNew = await createLead({ name: 'New Number Clash', phone: '+1 212 555 0105' });
    expect(reuseOld.status).toBe(201);
    expect(clashNew.status).toBe(409);
  });

  it('refuses to take a number another lead of the agent holds, and changes nothing', async () => {
    await createLead({ name: 'Holder', phone: '+1 212 555 0106' });
    const other = await createLead({ name: 'Taker', phone: '+1 212 555 0107' });

    const res = await api.call('PATCH', `/leads/${other.body.leadId}`, {
      body: { version: other.body.version, phone: '+1 212 555 0106', name: 'Renamed' },
    });
    const after = await api.call('GET', `/leads/${other.body.leadId}`);

    expect(res.status).toBe(409);
    expect(after.body).toMatchObject({ name: 'Taker', phone: '+12125550107', version: other.body.version });
  });

  it('answers a patch of another agent’s lead with 404 and writes nothing', async () => {
    const created = await createLead({ name: 'Hands Off' });
    const res = await api.call('PATCH', `/leads/${created.body.leadId}`, {
      as: agent2,
      body: { version: created.body.version, status: 'lost' },
    });
    const after = await api.call('GET', `/leads/${created.body.leadId}`);

    expect(res.status).toBe(404);
    expect(after.body).toMatchObject({ status: 'new', version: created.body.version });
  });
});

describe('erasing leads', () => {
  it('removes the lead, its timeline and its phone claim', async () => {
    const created = await createLead({ name: 'Forget Me', phone: '+1 212 555 0108', message: 'hello' });
    const id = created.body.leadId;
    await api.call('POST', `/leads/${id}/notes`, { body: { text: 'Called twice' } });

    const erased = await api.call('DELETE', `/leads/${id}`);
    expect(erased.status).toBe(204);
    expect((await api.call('GET', `/leads/${id}`)).status).toBe(404);
    expect((await api.call('GET', `/leads/${id}/timeline`)).status).toBe(404);
    expect((await createLead({ name: 'Same Number', phone: '+1 212 555 0108' })).status).toBe(201);
  });

  it('answers an erase of another agent’s lead with 404 and keeps the lead', async () => {
    const created = await createLead({ name: 'Keep Me' });
    const res = await api.call('DELETE', `/leads/${created.body.leadId}`, { as: agent2 });
    expect(res.status).toBe(404);
    expect((await api.call('GET', `/leads/${created.body.leadId}`)).status).toBe(200);
  });
});

describe('notes and timeline', () => {
  it('shows notes newest first, paged', async () => {
    const created = await createLead({ name: 'Chatty' });
    const id = created.body.leadId;
    for (const text of ['first', 'second', 'third']) {
      const note = await api.call('POST', `/leads/${id}/notes`, { body: { text } });
      expect(note.status).toBe(201);
    }

    const page1 = await api.call('GET', `/leads/${id}/timeline?limit=2`);
    const page2 = await api.call(
      'GET',
      `/leads/${id}/timeline?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
    );

    expect(page1.body.items.map((i: { text: string }) => i.text)).toEqual(['third', 'second']);
    expect(page2.body.items[0].text).toBe('first');
  });

  it('answers a note on another agent’s lead with 404 and adds nothing', async () => {
    const created = await createLead({ name: 'Quiet' });
    const res = await api.call('POST', `/leads/${created.body.leadId}/notes`, {
      as: agent2,
      body: { text: 'x' },
    });
    const timeline = await api.call('GET', `/leads/${created.body.leadId}/timeline`);

    expect(res.status).toBe(404);
    expect(timeline.body.items.some((i: { type: string }) => i.type === 'note')).toBe(false);
  });
});

describe('agent profile', () => {
  it('creates the profile on first read and updates time zone and quiet hours', async () => {
    const profile = await api.call('GET', '/agents/me', { as: agent2 });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ email: agent2.email, role: 'agent', version: 1 });

    const updated = await api.call('PATCH', '/agents/me', {
      as: agent2,
      body: { version: 1, timezone: 'Europe/London', quietHours: { start: '22:00', end: '07:30' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      timezone: 'Europe/London',
      quietHours: { start: '22:00', end: '07:30' },
    });
  });

  it('names the field when the time zone or quiet hours are invalid', async () => {
    const res = await api.call('PATCH', '/agents/me', {
      body: { timezone: 'Mars/Olympus', quietHours: { start: '25:00', end: '07:00' } },
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['timezone', 'quietHours.start']));
  });
});
