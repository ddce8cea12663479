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
  link: z.url({ protocol: /^https$/ }).meta({ description: 'A public https link to the photo or brochure.' }),
  caption: z.string().trim().max(1024).optional(),
  filename: z.string().trim().max(240).optional(),
});

/** Exactly one of text, template or media. */
export const sendWhatsAppBody = z
  .strictObject({
    text: z.string().trim().min(1).max(4096).optional(),
    template: templateSchema.optional(),
    media: mediaSchema.optional(),
  })
  .refine(
    (body) => [body.text, body.template, body.media].filter((part) => part !== undefined).length === 1,
    {
      message: 'send exactly one of text, template or media',
      path: ['text'],
    },
  )
  .meta({ id: 'SendWhatsApp' });
export type SendWhatsAppBody = z.infer<typeof sendWhatsAppBody>;
