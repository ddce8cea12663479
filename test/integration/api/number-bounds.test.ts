import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let lead: Json;
beforeAll(async () => {
  api = await startTestApi();
  lead = (await api.call('POST', '/leads', { body: { name: 'Rosa Diaz' } })).body;
});
afterAll(() => api.close());

const leadCount = async () => (await api.call('GET', '/leads?limit=100')).body.items.length as number;
const fieldsOf = (body: Json): string[] =>
  [...new Set((body.errors ?? []).map((e: { field: string }) => e.field))] as string[];

/** Numbers JSON can carry that no price, budget or version can be: DynamoDB cannot even store the first ones. */
const outOfRange: Array<[string, string]> = [
  ['the smallest double', '5e-324'],
  ['a denormal-range tiny number', '1e-200'],
  ['1e308', '1e308'],
  ['a number JSON.parse reads as Infinity', '1e999'],
  ['a negative number', '-250000'],
  ['zero', '0'],
  ['a NaN-ish string', '"NaN"'],
  ['an Infinity-ish string', '"Infinity"'],
  ['more than cents', '250000.123'],
];

describe('numbers the API accepts', () => {
  it.each(outOfRange)(
    'answers a price of %s with 400 naming propertyInterest.price, writing nothing',
    async (_, raw) => {
      const before = await leadCount();

      const res = await api.call('POST', '/leads', {
        rawBody: `{"name":"Dana Lee","propertyInterest":{"price":${raw}}}`,
      });

      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toEqual(['propertyInterest.price']);
      expect(await leadCount()).toBe(before);
    },
  );

  it.each(outOfRange)(
    'answers a budget of %s on PATCH with 400 naming profile.budgetMin, changing nothing',
    async (_, raw) => {
      const res = await api.call('PATCH', `/leads/${lead.leadId}`, {
        rawBody: `{"version":${lead.version},"profile":{"budgetMin":${raw}}}`,
      });

      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['profile.budgetMin']);
      expect((await api.call('GET', `/leads/${lead.leadId}`)).body.version).toBe(lead.version);
    },
  );

  it.each([
    ['5e-324', 'version'],
    ['1e308', 'version'],
    ['1.5', 'version'],
  ])('answers a version of %s with 400 naming it, on leads and on the profile', async (raw, field) => {
    const onLead = await api.call('PATCH', `/leads/${lead.leadId}`, {
      rawBody: `{"version":${raw},"status":"lost"}`,
    });
    const onProfile = await api.call('PATCH', '/agents/me', {
      rawBody: `{"version":${raw},"name":"Dana Lee"}`,
    });

    expect(onLead.status).toBe(400);
    expect(fieldsOf(onLead.body)).toEqual([field]);
    expect(onProfile.status).toBe(400);
    expect(fieldsOf(onProfile.body)).toEqual([field]);
  });

  it.each(['5e-324', '1e308', 'NaN', 'Infinity', '-1', '0', '2.5', ''])(
    'answers limit=%s with 400 naming limit on every paged list',
    async (limit) => {
      for (const path of ['/leads', `/leads/${lead.leadId}/timeline`, `/leads/${lead.leadId}/scores`]) {
        const res = await api.call('GET', `${path}?limit=${encodeURIComponent(limit)}`);

        expect(res.status, path).toBe(400);
        expect(fieldsOf(res.body), path).toEqual(['limit']);
      }
    },
  );

  it('stores a price with cents exactly as sent and reads it back', async () => {
    const res = await api.call('POST', '/leads', {
      body: { name: 'Sam Okafor', propertyInterest: { price: 489999.99 }, profile: { budgetMax: 1e11 } },
    });

    expect(res.status).toBe(201);
    const stored = (await api.call('GET', `/leads/${res.body.leadId}`)).body;
    expect(stored.propertyInterest.price).toBe(489999.99);
    expect(stored.profile.budgetMax).toBe(1e11);
  });

  it('answers any double as a price with 201 inside the documented bounds and 400 outside, never 5xx', async () => {
    // Within 1..1e11 and written with at most two decimals, as JSON carries it.
    const inBounds = (n: number) => n >= 1 && n <= 1e11 && /^\d+(\.\d{1,2})?$/.test(JSON.stringify(n));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: -10, max: 2e6 }).map((c) => c / 100),
        ),
        async (price) => {
          const res = await api.call('POST', '/leads', {
            rawBody: `{"name":"Casey Park","propertyInterest":{"price":${JSON.stringify(price)}}}`,
          });

          expect(res.status).toBe(inBounds(price) ? 201 : 400);
        },
      ),
      { numRuns: 40 },
    );
  });
});
