import { describe, expect, it } from 'vitest';
import { leadBodyFromForm } from '../../../../lambdas/domain/messaging/lead-form-body';
import type { LeadgenLead } from '../../../../schemas/events/facebook';
import { fixture } from '../../../helpers/webhooks';

/** Dana's form as Meta serves it, with some answers replaced. */
const form = (answers: Record<string, string[]> = {}): LeadgenLead => {
  const served = fixture<LeadgenLead>('facebook', 'leadgen-lead');
  return {
    ...served,
    field_data: served.field_data.map((field) => ({ ...field, values: answers[field.name] ?? field.values })),
  };
};

describe('leadBodyFromForm', () => {
  it('makes a lead ad body with the contact details, the profile and the other answers as its message', () => {
    expect(leadBodyFromForm(form(), 'US')).toEqual({
      name: 'Dana Lee',
      phone: '+12125550142',
      email: 'dana.lee@example.com',
      source: 'facebook_lead_ad',
      profile: { location: 'Brooklyn' },
      message: [
        'When are you looking to move?: Within 3 months',
        'What is your budget?: $600k - $700k',
        'Bedrooms needed: 3',
      ].join('\n'),
    });
  });

  it('moves a phone the lead API would refuse into the message, after the other answers', () => {
    const body = leadBodyFromForm(form({ phone_number: ['555-CALL-ME'] }), 'US');

    expect(body.phone).toBeUndefined();
    expect(body.email).toBe('dana.lee@example.com');
    expect(body.message?.split('\n').at(-1)).toBe('Phone: 555-CALL-ME');
  });

  it('moves an email the lead API would refuse into the message too, after the phone', () => {
    const body = leadBodyFromForm(
      form({ phone_number: ['555-CALL-ME'], email: ['dana@exa_mple.com'] }),
      'US',
    );

    expect(body.email).toBeUndefined();
    expect(body.message?.split('\n').slice(-2)).toEqual(['Phone: 555-CALL-ME', 'Email: dana@exa_mple.com']);
  });

  it('makes the refused answer the whole message when the form asked nothing else', () => {
    const bare: LeadgenLead = {
      ...form(),
      field_data: [
        { name: 'full_name', values: ['Dana Lee'] },
        { name: 'phone_number', values: ['555-CALL-ME'] },
      ],
    };

    expect(leadBodyFromForm(bare, 'US').message).toBe('Phone: 555-CALL-ME');
  });

  it('reads a national number in the brokerage country', () => {
    expect(leadBodyFromForm(form({ phone_number: ['020 7946 0958'] }), 'GB').phone).toBe('020 7946 0958');
    expect(leadBodyFromForm(form({ phone_number: ['020 7946 0958'] }), 'US').phone).toBeUndefined();
  });

  it('keeps the message within 4000 characters when a refused answer is added to a long one', () => {
    const body = leadBodyFromForm(
      form({ 'what_is_your_budget?': ['x'.repeat(3990)], phone_number: ['555-CALL-ME'] }),
      'US',
    );

    expect(body.message).toHaveLength(4000);
  });

  it('makes a lead of a form with only an email, or only a phone, refusing neither', () => {
    const emailOnly: LeadgenLead = {
      ...form(),
      field_data: [
        { name: 'full_name', values: ['Dana Lee'] },
        { name: 'email', values: ['dana.lee@example.com'] },
      ],
    };
    const phoneOnly: LeadgenLead = {
      ...form(),
      field_data: [
        { name: 'full_name', values: ['Dana Lee'] },
        { name: 'phone_number', values: ['+12125550142'] },
      ],
    };

    expect(leadBodyFromForm(emailOnly, 'US')).toEqual({
      name: 'Dana Lee',
      email: 'dana.lee@example.com',
      source: 'facebook_lead_ad',
    });
    expect(leadBodyFromForm(phoneOnly, 'US')).toEqual({
      name: 'Dana Lee',
      phone: '+12125550142',
      source: 'facebook_lead_ad',
    });
  });
});
