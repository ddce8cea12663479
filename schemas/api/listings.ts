import * as z from 'zod';
import {
  cursorSchema,
  idSchema,
  isoDateTime,
  limitSchema,
  moneySchema,
  pageOf,
  versionSchema,
} from './common';
import { leadSchema } from './leads';
import { interactionSchema } from './timeline';

export const listingStatuses = ['active', 'under_offer', 'sold', 'withdrawn'] as const;
export const listingStatusSchema = z.enum(listingStatuses);
export type ListingStatus = z.infer<typeof listingStatusSchema>;

const httpsUrl = z
  .url({ protocol: /^https$/ })
  .regex(/^https:\/\//, 'must be an https link')
  .max(2048);

const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

/** Floor area with its unit, as the brokerage advertises it. */
export const floorAreaSchema = z
  .strictObject({
    value: z.number().positive().max(1_000_000),
    unit: z.enum(['sqm', 'sqft']),
  })
  .meta({ id: 'FloorArea', example: { value: 120, unit: 'sqm' } });

export const listingSchema = z
  .object({
    listingId: idSchema,
    brokerageId: z.string(),
    createdBy: z.string().meta({ description: 'The agent who added it.' }),
    title: z.string(),
    price: z.number(),
    currency: z.string(),
    beds: z.number().int().min(0).optional(),
    area: floorAreaSchema.optional(),
    address: z.string().optional(),
    photoUrls: z.array(z.string()),
    brochureUrl: z.string().optional(),
    status: listingStatusSchema,
    version: z.number().int().min(1),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Listing' });
export type Listing = z.infer<typeof listingSchema>;

const fields = {
  title: z.string().trim().min(1).max(160).meta({ example: '3-bed townhouse in Riverside' }),
  price: moneySchema,
  currency: currencySchema.meta({ example: 'USD' }),
  beds: z.number().int().min(0).max(50),
  area: floorAreaSchema,
  address: z.string().trim().min(1).max(240),
  photoUrls: z
    .array(httpsUrl)
    .max(20)
    .meta({ description: 'Public https links; the first is the image a WhatsApp send shows.' }),
  brochureUrl: httpsUrl,
  status: listingStatusSchema,
};

export const createListingBody = z
  .strictObject({
    title: fields.title,
    price: fields.price,
    currency: fields.currency,
    beds: fields.beds.optional(),
    area: fields.area.optional(),
    address: fields.address.optional(),
    photoUrls: fields.photoUrls.default([]),
    brochureUrl: fields.brochureUrl.optional(),
    status: fields.status.default('active'),
  })
  .meta({ id: 'CreateListing' });
export type CreateListingBody = z.infer<typeof createListingBody>;

export const updateListingBody = z
  .strictObject({
    version: versionSchema.optional().meta({ description: 'The version you read; or send If-Match.' }),
    title: fields.title.optional(),
    price: fields.price.optional(),
    currency: fields.currency.optional(),
    beds: fields.beds.nullable().optional(),
    area: fields.area.nullable().optional(),
    address: fields.address.nullable().optional(),
    photoUrls: fields.photoUrls.optional(),
    brochureUrl: fields.brochureUrl.nullable().optional(),
    status: fields.status.optional(),
  })
  .meta({ id: 'UpdateListing' });
export type UpdateListingBody = z.infer<typeof updateListingBody>;

export const listingIdParams = z.strictObject({ listingId: idSchema });
export const leadListingParams = z.strictObject({ leadId: idSchema, listingId: idSchema });

export const listListingsQuery = z.strictObject({
  status: listingStatusSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type ListListingsQuery = z.infer<typeof listListingsQuery>;

export const listingPageSchema = pageOf(listingSchema, 'ListingPage');

export const sendListingBody = z
  .strictObject({
    channel: z.enum(['auto', 'whatsapp', 'email']).default('auto').meta({
      description:
        'auto: WhatsApp when the lead can get it (a photo with its caption inside the 24-hour window, the approved template outside it), else email.',
    }),
    note: z
      .string()
      .trim()
      .min(1)
      .max(400)
      .optional()
      .meta({ description: 'A line of your own, sent first.' }),
  })
  .meta({ id: 'SendListing' });
export type SendListingBody = z.infer<typeof sendListingBody>;

export const listingSendSchema = z
  .object({
    channel: z.enum(['whatsapp', 'email']),
    via: z.enum(['image', 'text', 'template', 'email']),
    interaction: interactionSchema,
    lead: leadSchema.meta({ description: 'The lead as it is now, to redraw its card.' }),
  })
  .meta({ id: 'ListingSend' });
export type ListingSend = z.infer<typeof listingSendSchema>;
