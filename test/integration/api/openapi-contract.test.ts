import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let doc: Json;
let lead: Json;
beforeAll(async () => {
  api = await startTestApi();
  doc = (await api.call('GET', '/openapi.json', { as: null })).body;
  lead = (await api.call('POST', '/leads', { body: { name: 'Rosa Diaz' } })).body;
});
afterAll(() => api.close());

const resolve = (schema: Json): Json =>
  schema?.$ref ? doc.components.schemas[String(schema.$ref).split('/').at(-1) as string] : schema;
const bodySchema = (path: string, method: string): Json =>
  resolve(doc.paths[path][method].requestBody.content['application/json'].schema);

describe('GET /openapi.json says what the server enforces', () => {
  it('names the server it was fetched from and a licence, so generators take it as is', () => {
    expect(doc.servers).toEqual([{ url: api.url }]);
    expect(doc.info.license).toEqual({ name: 'Proprietary', identifier: 'LicenseRef-Proprietary' });
  });

  it('documents the phone format and its normalisation to E.164', () => {
    const phone = bodySchema('/leads', 'post').properties.phone;

    expect(phone.pattern).toBe('^\\+?[0-9 ().-]+$');
    expect(phone.maxLength).toBe(32);
    expect(phone.description).toMatch(/E\.164/);
    expect(phone.description).toMatch(/default country/);
  });

  it('documents time zones as IANA names with a pattern', () => {
    const timezone = bodySchema('/agents/me', 'patch').properties.timezone;

    expect(timezone.description).toMatch(/IANA time zone/);
    expect(new RegExp(timezone.pattern).test('America/Argentina/Buenos_Aires')).toBe(true);
    expect(new RegExp(timezone.pattern).test('Mars/Olympus Mons')).toBe(false);
  });

  it('documents the WhatsApp send as a oneOf of text, template or media', () => {
    const send = bodySchema('/leads/{leadId}/whatsapp', 'post');

    expect(send.properties).toBeUndefined();
    expect(send.oneOf.map((branch: Json) => branch.required)).toEqual([['text'], ['template'], ['media']]);
    expect(send.oneOf.every((branch: Json) => branch.additionalProperties === false)).toBe(true);
  });

  it('documents the bounds of every money amount and version', () => {
    const interest = resolve(bodySchema('/leads', 'post').properties.propertyInterest);
    const profile = resolve(bodySchema('/leads', 'post').properties.profile);
    const money = { type: 'number', minimum: 1, maximum: 1e11, multipleOf: 0.01 };

    expect(interest.properties.price).toMatchObject(money);
    expect(profile.properties.budgetMin).toMatchObject(money);
    expect(profile.properties.budgetMax).toMatchObject(money);
    expect(bodySchema('/leads/{leadId}', 'patch').properties.version).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 999_999_999_999,
    });
  });

  it('documents the 413 of bodies too large on the API and the webhooks', () => {
    expect(doc.paths['/leads'].post.responses['413']).toBeDefined();
    expect(doc.paths['/webhooks/whatsapp'].post.responses['413']).toBeDefined();
  });
});

interface Violation {
  path: string[];
  value: unknown;
  rule: string;
}

/** A string the pattern refuses, from a few unlike candidates. */
const notMatching = (pattern: string) =>
  ['', '!', 'x y', '~~~', 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'].find(
    (c) => !new RegExp(pattern).test(c),
  );

/** Reads the document as a stranger would: for each constraint it states, a value that breaks it. */
function* violationsOf(schema: Json, path: string[]): Generator<Violation> {
  const s = resolve(schema);
  if (s.type === 'object') {
    if (s.additionalProperties === false)
      yield { path: [...path, 'notAField'], value: 1, rule: 'no other fields' };
    for (const [key, sub] of Object.entries(s.properties ?? {})) yield* violationsOf(sub, [...path, key]);
    return;
  }
  if (s.type === 'number' || s.type === 'integer') {
    yield { path, value: 'NaN', rule: 'a number' };
    if (s.minimum !== undefined) yield { path, value: s.minimum - 1, rule: `minimum ${s.minimum}` };
    if (s.minimum > 0) yield { path, value: 5e-324, rule: `minimum ${s.minimum}` };
    if (s.maximum !== undefined) yield { path, value: s.maximum * 10, rule: `maximum ${s.maximum}` };
    if (s.maximum !== undefined) yield { path, value: 1e308, rule: `maximum ${s.maximum}` };
    if (s.multipleOf !== undefined)
      yield { path, value: (s.minimum ?? 0) + s.multipleOf / 2, rule: `multipleOf ${s.multipleOf}` };
    if (s.type === 'integer') yield { path, value: (s.minimum ?? 0) + 0.5, rule: 'an integer' };
    return;
  }
  if (s.type === 'string') {
    yield { path, value: 42, rule: 'a string' };
    if (s.minLength > 0) yield { path, value: 'x'.repeat(s.minLength - 1), rule: `minLength ${s.minLength}` };
    if (s.maxLength !== undefined)
      yield { path, value: 'x'.repeat(s.maxLength + 1), rule: `maxLength ${s.maxLength}` };
    if (s.pattern !== undefined) yield { path, value: notMatching(s.pattern), rule: `pattern ${s.pattern}` };
    if (s.enum) yield { path, value: 'not_one_of_them', rule: 'enum' };
    if (s.format === 'email') yield { path, value: 'dana@', rule: 'format email' };
    if (s.format === 'uri') yield { path, value: 'not a link', rule: 'format uri' };
    return;
  }
  if (s.type === 'array') {
    if (s.maxItems !== undefined)
      yield { path, value: Array.from({ length: s.maxItems + 1 }, () => 1), rule: `maxItems ${s.maxItems}` };
    if (s.minItems > 0) yield { path, value: [], rule: `minItems ${s.minItems}` };
    yield* violationsOf(s.items, [...path, '0']);
  }
}

/** `base` with `value` set at `path`, creating the objects on the way. */
const withValue = (base: Json, path: string[], value: unknown): Json => {
  const body = structuredClone(base);
  let at = body;
  path.slice(0, -1).forEach((key, i) => {
    at[key] ??= /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
    at = at[key];
  });
  at[path.at(-1) as string] = value;
  return body;
};

const fieldsOf = (body: Json): string[] => (body?.errors ?? []).map((e: { field: string }) => e.field);

describe('every constraint the document states is one the server enforces', () => {
  const bodies = [
    { method: 'post', path: '/leads', base: () => ({ name: 'Dana Lee' }) },
    { method: 'patch', path: '/leads/{leadId}', base: () => ({ version: lead.version }) },
    { method: 'patch', path: '/agents/me', base: () => ({}) },
    { method: 'post', path: '/leads/{leadId}/notes', base: () => ({ text: 'Called, no answer' }) },
  ];

  it.each(bodies)(
    'answers each documented violation of $method $path with 400 naming the field',
    async ({ method, path, base }) => {
      const violations = [...violationsOf(bodySchema(path, method), [])];
      expect(violations.length).toBeGreaterThan(3);
      const url = path.replace('{leadId}', lead.leadId);

      for (const violation of violations) {
        const res = await api.call(method.toUpperCase(), url, {
          body: withValue(base(), violation.path, violation.value),
        });
        const what = `${violation.path.join('.')} breaking ${violation.rule} with ${JSON.stringify(violation.value)}`;

        expect(res.status, what).toBe(400);
        expect(fieldsOf(res.body), what).toContain(violation.path.join('.'));
      }
      expect((await api.call('GET', `/leads/${lead.leadId}`)).body.version).toBe(lead.version);
    },
  );

  it('answers each documented violation of a query parameter with 400 naming it', async () => {
    const listed = ['/leads', '/leads/{leadId}/timeline', '/leads/{leadId}/scores'];
    for (const path of listed) {
      for (const parameter of doc.paths[path].get.parameters.filter((p: Json) => p.in === 'query')) {
        for (const violation of violationsOf(parameter.schema, [parameter.name])) {
          if (
            typeof violation.value === 'number' &&
            Number.isInteger(violation.value) &&
            parameter.schema.type === 'string'
          )
            continue; // a query string has no types: 42 is a fine string
          const query = new URLSearchParams({ [parameter.name]: String(violation.value) });
          const res = await api.call('GET', `${path.replace('{leadId}', lead.leadId)}?${query}`);
          const what = `${path} ${parameter.name} breaking ${violation.rule} with ${String(violation.value)}`;

          expect(res.status, what).toBe(400);
          expect(fieldsOf(res.body), what).toContain(parameter.name);
        }
      }
    }
  });

  it('answers a WhatsApp send matching none or several branches of the oneOf with 400', async () => {
    const branches = bodySchema('/leads/{leadId}/whatsapp', 'post').oneOf as Json[];
    const sample: Record<string, unknown> = {
      text: 'See you Saturday!',
      template: { name: 'property_follow_up' },
      media: { kind: 'image', link: 'https://example.com/flat.jpg' },
    };
    const [first, second] = branches.map((b) => b.required[0] as string);

    for (const body of [
      {},
      { [first as string]: sample[first as string], [second as string]: sample[second as string] },
    ]) {
      const res = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, { body });

      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['body']);
    }
  });
});
