import * as z from 'zod';

const templateSchema = z.strictObject({
  name: z.string().trim().min(1).max(512).meta({ example: 'property_follow_up' }),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a WhatsApp language code such as en_US or ar')
    .default('en_US'),
  parameters: z.array(z.string().trim().min(1).max(1024)).max(10).default([]),
});

const mediaSchema = z.strictObject({
  kind: z.enum(['image', 'document']),
  link: z
    .url({ protocol: /^https$/ })
    .regex(/^https:\/\//, 'must be an https link')
    .meta({ description: 'A public https link to the photo or brochure.' }),
  caption: z.string().trim().max(1024).optional(),
  filename: z.string().trim().max(240).optional(),
});

/** Exactly one of text, template or media: a z.xor, documented as a oneOf. */
export const sendWhatsAppBody = z
  .xor(
    [
      z.strictObject({ text: z.string().trim().min(1).max(4096) }),
      z.strictObject({ template: templateSchema }),
      z.strictObject({ media: mediaSchema }),
    ],
    { error: 'send exactly one of text, template or media' },
  )
  .meta({ id: 'SendWhatsApp' });
/** The body as the send use case reads it: the three parts as optional fields, exactly one of them set. */
export type SendWhatsAppBody = {
  text?: string;
  template?: z.infer<typeof templateSchema>;
  media?: z.infer<typeof mediaSchema>;
};
