import { type CreateLeadBody, createLeadBody } from '../../../schemas/api/leads';
import { type CreateLeadInput, type LeadgenLead, leadFromLeadgen } from '../../../schemas/events/facebook';
import { ValidationError } from '../errors';
import { normalisePhone } from '../leads/contact';

const MESSAGE_MAX = 4000;

/**
 * The create-lead body for a form, keeping every answer: a phone or email the API would refuse moves
 * into the message instead of losing the lead.
 */
export const leadBodyFromForm = (form: LeadgenLead, defaultCountry: string): CreateLeadBody => {
  const refused: string[] = [];
  const kept: CreateLeadInput = { ...leadFromLeadgen(form) };
  if (kept.phone !== undefined) {
    try {
      normalisePhone(kept.phone, defaultCountry);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      refused.push(`Phone: ${kept.phone}`);
      delete kept.phone;
    }
  }
  if (kept.email !== undefined && !createLeadBody.shape.email.safeParse(kept.email).success) {
    refused.push(`Email: ${kept.email}`);
    delete kept.email;
  }
  if (refused.length > 0)
    kept.message = [kept.message, ...refused].filter(Boolean).join('\n').slice(0, MESSAGE_MAX);
  const parsed = createLeadBody.safeParse(kept);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'lead', message: issue.message })),
    );
  }
  return parsed.data;
};
