import { describe, expect, it } from 'vitest';
import { issuesFromZod } from '../../../lambdas/shared/http/problem';
import { createSequenceBody } from '../../../schemas/api/sequences';

const whatsapp = (overrides: Record<string, unknown> = {}) => ({
  channel: 'whatsapp',
  delay: { minutes: 120 },
  conditions: ['no_response'],
  message: { template: 'Hi {firstName}, still keen on {interest}?' },
  ...overrides,
});

const body = (steps: unknown[]) => ({ name: 'Open house', temperature: 'custom', steps });

const fieldsOf = (input: unknown) => {
  const result = createSequenceBody.safeParse(input);
  if (result.success) return [];
  return issuesFromZod(result.error);
};

describe('createSequenceBody', () => {
  it('accepts a three-channel sequence and fills the defaults', () => {
    const parsed = createSequenceBody.parse(
      body([
        whatsapp({
          approvedTemplate: { name: 'lead_follow_up', language: 'en_US', parameters: ['firstName'] },
        }),
        {
          channel: 'call',
          delay: { minutes: 1440 },
          conditions: ['whatsapp_delivered'],
          message: { aiDraft: true },
        },
        {
          channel: 'email',
          delay: { minutes: 2880, after: 'previous_step' },
          conditions: ['call_not_answered'],
          subject: 'About {propertyTitle}',
          message: {
            template: 'Hi {firstName}, here it is: {listingUrl}',
            translations: { ar: 'مرحباً {firstName}' },
          },
        },
      ]),
    );
    expect(parsed.steps.map((s) => [s.channel, s.delay.after])).toEqual([
      ['whatsapp', 'enrolment'],
      ['call', 'enrolment'],
      ['email', 'previous_step'],
    ]);
  });

  it('names the step and the unknown template field', () => {
    expect(
      fieldsOf(body([whatsapp(), whatsapp({ message: { template: 'Hi {firstName}, {budget}?' } })])),
    ).toEqual([
      { field: 'steps.1.message.template', message: expect.stringContaining('unknown field {budget}') },
    ]);
  });

  it('names a delay beyond 90 days and a negative one', () => {
    const fields = fieldsOf(
      body([whatsapp({ delay: { minutes: -5 } }), whatsapp({ delay: { minutes: 90 * 1440 + 1 } })]),
    );
    expect(fields.map((f) => f.field)).toEqual(['steps.0.delay.minutes', 'steps.1.delay.minutes']);
  });

  it('refuses a step that falls before the one ahead of it', () => {
    expect(
      fieldsOf(body([whatsapp({ delay: { minutes: 600 } }), whatsapp({ delay: { minutes: 60 } })])),
    ).toEqual([
      { field: 'steps.1.delay.minutes', message: 'falls 540 minutes before step 1 (steps run in order)' },
    ]);
  });

  it('refuses a sequence whose relative delays add up past 90 days', () => {
    const step = whatsapp({ delay: { minutes: 50 * 1440, after: 'previous_step' } });
    expect(fieldsOf(body([step, step])).map((f) => f.field)).toEqual(['steps.1.delay.minutes']);
  });

  it('refuses an unknown channel, condition or key', () => {
    expect(fieldsOf(body([whatsapp({ channel: 'sms' })]))[0]?.field).toBe('steps.0.channel');
    expect(fieldsOf(body([whatsapp({ conditions: ['email_opened'] })]))[0]?.field).toBe(
      'steps.0.conditions.0',
    );
    expect(fieldsOf(body([whatsapp({ colour: 'red' })]))).toEqual([
      { field: 'steps.0.colour', message: 'is not a known field' },
    ]);
  });

  it('refuses a condition about a channel no earlier step used', () => {
    expect(fieldsOf(body([whatsapp({ conditions: ['call_not_answered'] })]))).toEqual([
      { field: 'steps.0.conditions.0', message: 'call_not_answered needs an earlier call step' },
    ]);
  });

  it('asks for exactly one of template or aiDraft, and a subject on email', () => {
    expect(fieldsOf(body([whatsapp({ message: {} })]))[0]?.field).toBe('steps.0.message.template');
    expect(
      fieldsOf(body([whatsapp({ message: { template: 'Hi {firstName}?', aiDraft: true } })]))[0]?.field,
    ).toBe('steps.0.message.template');
    expect(fieldsOf(body([{ ...whatsapp(), channel: 'email' }]))[0]?.field).toBe('steps.0.subject');
  });

  it('refuses a WhatsApp template longer than 160 characters before filling', () => {
    const long = `Hi {firstName}, ${'a'.repeat(160)}?`;
    expect(fieldsOf(body([whatsapp({ message: { template: long } })]))[0]).toMatchObject({
      field: 'steps.0.message.template',
      message: expect.stringContaining('at most 160'),
    });
  });

  it('allows the first answer only on a first step due at enrolment', () => {
    expect(fieldsOf(body([whatsapp({ delay: { minutes: 0 }, firstAnswer: true })]))).toEqual([]);
    expect(
      fieldsOf(body([whatsapp({ delay: { minutes: 0 } }), whatsapp({ firstAnswer: true })]))[0]?.field,
    ).toBe('steps.1.firstAnswer');
  });

  it('refuses an approved template parameter that is not a field', () => {
    const step = whatsapp({
      approvedTemplate: { name: 'lead_follow_up', language: 'en_US', parameters: ['phone'] },
    });
    expect(fieldsOf(body([step]))[0]?.field).toBe('steps.0.approvedTemplate.parameters.0');
  });
});
