import * as z from 'zod';

// Every object is loose: Meta adds fields without notice, and an unknown field must never cost us a message.

/** Meta sends message and status times as unix-seconds strings, user preference times as integers. */
const unixSeconds = z.union([
  z.string().regex(/^\d+$/, 'must be unix seconds'),
  z.number().int().nonnegative(),
]);

export const whatsAppMetadataSchema = z.looseObject({
  display_phone_number: z.string(),
  phone_number_id: z.string(),
});

export const whatsAppContactSchema = z.looseObject({
  profile: z.looseObject({ name: z.string().optional() }).optional(),
  /** Phone-based WhatsApp id; withheld for users who adopted a username and have no recent contact. */
  wa_id: z.string().optional(),
  /** Business-scoped user id (BSUID), e.g. `US.13491208655302741918`. */
  user_id: z.string().optional(),
  username: z.string().optional(),
});

/** One error as Meta reports it in statuses, messages and system errors. */
export const whatsAppErrorSchema = z.looseObject({
  code: z.number().int(),
  title: z.string(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string() }).optional(),
  href: z.string().optional(),
});
export type WhatsAppError = z.infer<typeof whatsAppErrorSchema>;

const mediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  /** Documents only. */
  filename: z.string().optional(),
  url: z.string().optional(),
});

/** Click-to-WhatsApp ad that started the conversation; only on the first message after the click. */
export const whatsAppReferralSchema = z.looseObject({
  source_url: z.string().optional(),
  source_id: z.string().optional(),
  source_type: z.string().optional(),
  headline: z.string().optional(),
  body: z.string().optional(),
  media_type: z.string().optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  /** Omitted for ads shown in WhatsApp Status. */
  ctwa_clid: z.string().optional(),
  welcome_message: z.looseObject({ text: z.string() }).optional(),
});
export type WhatsAppReferral = z.infer<typeof whatsAppReferralSchema>;

export const whatsAppContextSchema = z.looseObject({
  /** Business number the quoted message came from. */
  from: z.string().optional(),
  /** wamid of the message being replied to. */
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z.looseObject({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
});
export type WhatsAppContext = z.infer<typeof whatsAppContextSchema>;

export const whatsAppInboundMessageSchema = z.looseObject({
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  id: z.string(),
  timestamp: unixSeconds,
  /** text, image, document, button, interactive, audio, video, sticker, location, reaction, unsupported, … */
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  /** Quick-reply button of a template. */
  button: z.looseObject({ payload: z.string().optional(), text: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  context: whatsAppContextSchema.optional(),
  referral: whatsAppReferralSchema.optional(),
  errors: z.array(whatsAppErrorSchema).optional(),
});
export type WhatsAppInboundMessage = z.infer<typeof whatsAppInboundMessageSchema>;

export const whatsAppStatusSchema = z.looseObject({
  id: z.string(),
  /** sent, delivered, read, failed; Meta also reports `played` for voice messages. */
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .looseObject({
      id: z.string(),
      expiration_timestamp: unixSeconds.optional(),
      origin: z.looseObject({ type: z.string() }).optional(),
    })
    .optional(),
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      category: z.string().optional(),
      type: z.string().optional(),
    })
    .optional(),
  errors: z.array(whatsAppErrorSchema).optional(),
});
export type WhatsAppStatus = z.infer<typeof whatsAppStatusSchema>;

export const whatsAppMessagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: whatsAppMetadataSchema,
  contacts: z.array(whatsAppContactSchema).optional(),
  messages: z.array(whatsAppInboundMessageSchema).optional(),
  statuses: z.array(whatsAppStatusSchema).optional(),
  /** Errors not tied to one message (e.g. a webhook Meta could not build). */
  errors: z.array(whatsAppErrorSchema).optional(),
});
export type WhatsAppMessagesValue = z.infer<typeof whatsAppMessagesValueSchema>;

export const whatsAppUserPreferenceSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  detail: z.string().optional(),
  /** `marketing_messages` today. */
  category: z.string(),
  /** `stop` or `resume`. */
  value: z.string(),
  timestamp: unixSeconds,
});
export type WhatsAppUserPreference = z.infer<typeof whatsAppUserPreferenceSchema>;

export const whatsAppUserPreferencesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: whatsAppMetadataSchema,
  contacts: z.array(whatsAppContactSchema).optional(),
  user_preferences: z.array(whatsAppUserPreferenceSchema),
});

const handledFields = ['messages', 'user_preferences'] as const;

/** A change this backend acts on; any other subscribed field still parses so the webhook can ack it. */
export const whatsAppChangeSchema = z.union([
  z.looseObject({ field: z.literal('messages'), value: whatsAppMessagesValueSchema }),
  z.looseObject({ field: z.literal('user_preferences'), value: whatsAppUserPreferencesValueSchema }),
  z.looseObject({
    field: z.string().refine((field) => !(handledFields as readonly string[]).includes(field), {
      message: 'handled field with a malformed value',
    }),
    value: z.unknown(),
  }),
]);
export type WhatsAppChange = z.infer<typeof whatsAppChangeSchema>;

/** The body Meta POSTs to `/webhooks/whatsapp`. */
export const whatsAppWebhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      /** WhatsApp Business Account id. */
      id: z.string(),
      changes: z.array(whatsAppChangeSchema),
    }),
  ),
});
export type WhatsAppWebhook = z.infer<typeof whatsAppWebhookSchema>;
/** What a fixture or simulator may write; identical to the parsed type since nothing is transformed. */
export type WhatsAppWebhookInput = z.input<typeof whatsAppWebhookSchema>;

export const whatsAppDeliveryStatuses = ['sent', 'delivered', 'read', 'failed'] as const;
export type WhatsAppDeliveryStatus = (typeof whatsAppDeliveryStatuses)[number];

export interface WhatsAppMedia {
  kind: 'image' | 'document' | 'audio' | 'video' | 'sticker';
  /** Media id: download through `GET /{media-id}` with the access token. */
  id: string;
  mimeType: string;
  sha256?: string;
  caption?: string;
  filename?: string;
}

export interface WhatsAppReply {
  /** Button payload or interactive reply id, as set when the business sent the buttons/list. */
  id?: string;
  title: string;
  description?: string;
}

export interface WhatsAppErrorDetail {
  code: number;
  title: string;
  message?: string;
  details?: string;
}

export interface WhatsAppMessageEvent {
  kind: 'message';
  /** Business phone number that received it. */
  phoneNumberId: string;
  /** Sender's phone-based id (digits, no `+`); absent when only a BSUID is shared. */
  waId?: string;
  /** Sender's business-scoped user id, when Meta sends one. */
  userId?: string;
  profileName?: string;
  wamid: string;
  timestamp: Date;
  type: string;
  /** What the person said: text body, caption, or the title of the button/list row they tapped. */
  text?: string;
  media?: WhatsAppMedia;
  reply?: WhatsAppReply;
  reaction?: { messageId: string; emoji?: string };
  referral?: {
    sourceUrl?: string;
    sourceId?: string;
    sourceType?: string;
    headline?: string;
    body?: string;
    ctwaClid?: string;
  };
  context?: { wamid?: string; forwarded: boolean };
  errors?: WhatsAppErrorDetail[];
}

export interface WhatsAppStatusEvent {
  kind: 'status';
  phoneNumberId: string;
  /** wamid of our outbound message. */
  wamid: string;
  status: WhatsAppDeliveryStatus;
  timestamp: Date;
  recipientId?: string;
  recipientUserId?: string;
  pricingCategory?: string;
  errors?: WhatsAppErrorDetail[];
}

export interface WhatsAppPreferenceEvent {
  kind: 'preference';
  phoneNumberId: string;
  waId?: string;
  userId?: string;
  value: 'stop' | 'resume';
  /** `marketing_messages`: Meta only reports marketing-message preferences. */
  category: string;
  timestamp: Date;
}

export interface WhatsAppSystemErrorEvent {
  kind: 'error';
  phoneNumberId: string;
  error: WhatsAppErrorDetail;
}

export type WhatsAppEvent =
  | WhatsAppMessageEvent
  | WhatsAppStatusEvent
  | WhatsAppPreferenceEvent
  | WhatsAppSystemErrorEvent;

const toDate = (seconds: string | number) => new Date(Number(seconds) * 1000);

const toErrorDetail = (error: WhatsAppError): WhatsAppErrorDetail => ({
  code: error.code,
  title: error.title,
  ...(error.message !== undefined && { message: error.message }),
  ...(error.error_data?.details !== undefined && { details: error.error_data.details }),
});

const mediaKinds = ['image', 'document', 'audio', 'video', 'sticker'] as const;

const mediaOf = (message: WhatsAppInboundMessage): WhatsAppMedia | undefined => {
  for (const kind of mediaKinds) {
    const media = message[kind];
    if (message.type === kind && media) {
      return {
        kind,
        id: media.id,
        mimeType: media.mime_type,
        ...(media.sha256 !== undefined && { sha256: media.sha256 }),
        ...(media.caption !== undefined && { caption: media.caption }),
        ...(media.filename !== undefined && { filename: media.filename }),
      };
    }
  }
  return undefined;
};

const replyOf = (message: WhatsAppInboundMessage): WhatsAppReply | undefined => {
  if (message.type === 'button' && message.button) {
    return {
      ...(message.button.payload !== undefined && { id: message.button.payload }),
      title: message.button.text,
    };
  }
  const choice = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (message.type === 'interactive' && choice) {
    return {
      id: choice.id,
      title: choice.title,
      ...('description' in choice &&
        typeof choice.description === 'string' && { description: choice.description }),
    };
  }
  return undefined;
};

const referralOf = (referral: WhatsAppReferral): NonNullable<WhatsAppMessageEvent['referral']> => ({
  ...(referral.source_url !== undefined && { sourceUrl: referral.source_url }),
  ...(referral.source_id !== undefined && { sourceId: referral.source_id }),
  ...(referral.source_type !== undefined && { sourceType: referral.source_type }),
  ...(referral.headline !== undefined && { headline: referral.headline }),
  ...(referral.body !== undefined && { body: referral.body }),
  ...(referral.ctwa_clid !== undefined && { ctwaClid: referral.ctwa_clid }),
});

type Contact = z.infer<typeof whatsAppContactSchema>;

const contactFor = (contacts: Contact[] | undefined, waId?: string, userId?: string) =>
  contacts?.find(
    (c) => (waId !== undefined && c.wa_id === waId) || (userId !== undefined && c.user_id === userId),
  ) ?? (contacts?.length === 1 ? contacts[0] : undefined);

const messageEvent = (
  phoneNumberId: string,
  message: WhatsAppInboundMessage,
  contacts: Contact[] | undefined,
): WhatsAppMessageEvent => {
  const contact = contactFor(contacts, message.from, message.from_user_id);
  const waId = message.from ?? contact?.wa_id;
  const userId = message.from_user_id ?? contact?.user_id;
  const media = mediaOf(message);
  const reply = replyOf(message);
  const text = message.text?.body ?? reply?.title ?? media?.caption;
  return {
    kind: 'message',
    phoneNumberId,
    ...(waId !== undefined && { waId }),
    ...(userId !== undefined && { userId }),
    ...(contact?.profile?.name !== undefined && { profileName: contact.profile.name }),
    wamid: message.id,
    timestamp: toDate(message.timestamp),
    type: message.type,
    ...(text !== undefined && { text }),
    ...(media && { media }),
    ...(reply && { reply }),
    ...(message.reaction && {
      reaction: {
        messageId: message.reaction.message_id,
        ...(message.reaction.emoji !== undefined && { emoji: message.reaction.emoji }),
      },
    }),
    ...(message.referral && { referral: referralOf(message.referral) }),
    ...(message.context && {
      context: {
        ...(message.context.id !== undefined && { wamid: message.context.id }),
        forwarded: message.context.forwarded === true || message.context.frequently_forwarded === true,
      },
    }),
    ...(message.errors?.length && { errors: message.errors.map(toErrorDetail) }),
  };
};

const isDeliveryStatus = (status: string): status is WhatsAppDeliveryStatus =>
  (whatsAppDeliveryStatuses as readonly string[]).includes(status);

const statusEvent = (phoneNumberId: string, status: WhatsAppStatus): WhatsAppStatusEvent | undefined => {
  if (!isDeliveryStatus(status.status)) return undefined;
  return {
    kind: 'status',
    phoneNumberId,
    wamid: status.id,
    status: status.status,
    timestamp: toDate(status.timestamp),
    ...(status.recipient_id !== undefined && { recipientId: status.recipient_id }),
    ...(status.recipient_user_id !== undefined && { recipientUserId: status.recipient_user_id }),
    ...(status.pricing?.category !== undefined && { pricingCategory: status.pricing.category }),
    ...(status.errors?.length && { errors: status.errors.map(toErrorDetail) }),
  };
};

const preferenceEvent = (
  phoneNumberId: string,
  preference: WhatsAppUserPreference,
): WhatsAppPreferenceEvent | undefined => {
  if (preference.value !== 'stop' && preference.value !== 'resume') return undefined;
  return {
    kind: 'preference',
    phoneNumberId,
    ...(preference.wa_id !== undefined && { waId: preference.wa_id }),
    ...(preference.user_id !== undefined && { userId: preference.user_id }),
    value: preference.value,
    category: preference.category,
    timestamp: toDate(preference.timestamp),
  };
};

/**
 * Flattens a parsed webhook into the events this backend acts on, in delivery order.
 * Statuses other than sent/delivered/read/failed (e.g. `played`) and fields it does not handle are dropped.
 */
export const parseWhatsAppEvents = (envelope: WhatsAppWebhook): WhatsAppEvent[] => {
  const events: WhatsAppEvent[] = [];
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      if (change.field === 'messages') {
        // The catch-all branch refuses handled field names, so the field pins the value shape.
        const value = change.value as WhatsAppMessagesValue;
        const phoneNumberId = value.metadata.phone_number_id;
        for (const message of value.messages ?? [])
          events.push(messageEvent(phoneNumberId, message, value.contacts));
        for (const status of value.statuses ?? []) {
          const event = statusEvent(phoneNumberId, status);
          if (event) events.push(event);
        }
        for (const error of value.errors ?? []) {
          events.push({ kind: 'error', phoneNumberId, error: toErrorDetail(error) });
        }
      } else if (change.field === 'user_preferences') {
        const value = change.value as z.infer<typeof whatsAppUserPreferencesValueSchema>;
        for (const preference of value.user_preferences) {
          const event = preferenceEvent(value.metadata.phone_number_id, preference);
          if (event) events.push(event);
        }
      }
    }
  }
  return events;
};
