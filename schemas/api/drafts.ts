import * as z from 'zod';

export const draftChannels = ['whatsapp', 'email'] as const;

export const suggestDraftBody = z
  .strictObject({
    channel: z.enum(draftChannels).default('whatsapp').meta({ description: 'Default: whatsapp.' }),
  })
  // No body at all asks for the default.
  .prefault({})
  .meta({ id: 'SuggestDraft' });
export type SuggestDraftBody = z.infer<typeof suggestDraftBody>;

export const draftProblemSchema = z.object({
  code: z.enum([
    'too_long',
    'unfilled_field',
    'missing_name',
    'missing_interest',
    'no_call_to_action',
    'several_calls_to_action',
    'foreign_link',
    'echoes_lead_instructions',
    'empty',
  ]),
  message: z.string(),
});

export const followUpDraftSchema = z
  .object({
    channel: z.enum(draftChannels),
    language: z.string().meta({ description: 'ISO 639-1 code: the language of the lead’s last message.' }),
    text: z.string(),
    subject: z.string().optional().meta({ description: 'Emails only.' }),
    source: z.enum(['model', 'template']).meta({
      description: "Who wrote it: the model from the lead's own words, or the template drafter as fallback.",
    }),
    checks: z.object({ ok: z.boolean(), problems: z.array(draftProblemSchema).optional() }).meta({
      description:
        'The checks every follow-up passes before it is sent: length, names the lead and their interest, one call to action, no foreign link, nothing echoed from the lead’s text.',
    }),
  })
  .meta({ id: 'FollowUpDraft' });
export type FollowUpDraft = z.infer<typeof followUpDraftSchema>;
