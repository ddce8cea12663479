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

/** Meta sends coordinates as numbers; a numeric string is read as one rather than costing the location. */
const coordinate = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const sharedContactSchema = z.looseObject({
  name: z
    .looseObject({
      formatted_name: z.string().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
    })
    .optional(),
  phones: z
    .array(
      z.looseObject({
        phone: z.string().optional(),
        wa_id: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  emails: z.array(z.looseObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  org: z.looseObject({ company: z.string().optional(), title: z.string().optional() }).optional(),
});
type SharedContactInput = z.infer<typeof sharedContactSchema>;

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
      latitude: coordinate,
      longitude: coordinate,
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  /** Contact cards the person shared; any part may be missing if their phone does not share it. */
  contacts: z.array(sharedContactSchema).optional(),
  /** `type: "system"`: the person changed their number (or their business-scoped id). */
  system: z
    .looseObject({
      type: z.string().optional(),
      body: z.string().optional(),
      /** The new WhatsApp id; `new_wa_id` in Graph API versions before 12. */
      wa_id: z.string().optional(),
      new_wa_id: z.union([z.string(), z.number().int().nonnegative()]).optional(),
      user_id: z.string().optional(),
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

/**
 * The body Meta POSTs to `/webhooks/whatsapp`. Only the envelope is checked as a whole: each entry, change,
 * message and status is read on its own by `parseWhatsAppEvents`, so one odd change never costs the rest.
 */
export const whatsAppWebhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});
export type WhatsAppWebhook = z.infer<typeof whatsAppWebhookSchema>;

/** One change as a fixture or the simulator writes it; any other subscribed field is acknowledged and skipped. */
export type WhatsAppChangeInput =
  | { field: 'messages'; value: z.input<typeof whatsAppMessagesValueSchema> }
  | { field: 'user_preferences'; value: z.input<typeof whatsAppUserPreferencesValueSchema> }
  | { field: string; value?: unknown };

/** What a fixture or simulator may write: a whole delivery as Meta sends it. */
export interface WhatsAppWebhookInput {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: WhatsAppChangeInput[] }[];
}

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
  location?: WhatsAppLocation;
  /** Contact cards the person shared. */
  sharedContacts?: WhatsAppSharedContact[];
  /** A `system` message: what changed about the sender (their number, with the new WhatsApp id). */
  system?: { type: string; newWaId?: string };
  errors?: WhatsAppErrorDetail[];
}

export interface WhatsAppLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
  url?: string;
}

export interface WhatsAppSharedContact {
  name?: string;
  phones: { phone: string; waId?: string; type?: string }[];
  emails: { email: string; type?: string }[];
  company?: string;
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

const locationOf = ({
  latitude,
  longitude,
  name,
  address,
  url,
}: NonNullable<WhatsAppInboundMessage['location']>) => ({
  latitude,
  longitude,
  ...(name !== undefined && { name }),
  ...(address !== undefined && { address }),
  ...(url !== undefined && { url }),
});

const sharedContactOf = ({ name, phones, emails, org }: SharedContactInput): WhatsAppSharedContact => {
  const fullName =
    name?.formatted_name ?? ([name?.first_name, name?.last_name].filter(Boolean).join(' ') || undefined);
  return {
    ...(fullName !== undefined && { name: fullName }),
    phones: (phones ?? []).flatMap(({ phone, wa_id, type }) =>
      phone === undefined && wa_id === undefined
        ? []
        : [
            {
              phone: phone ?? `+${wa_id}`,
              ...(wa_id !== undefined && { waId: wa_id }),
              ...(type !== undefined && { type }),
            },
          ],
    ),
    emails: (emails ?? []).flatMap(({ email, type }) =>
      email === undefined ? [] : [{ email, ...(type !== undefined && { type }) }],
    ),
    ...(org?.company !== undefined && { company: org.company }),
  };
};

const systemOf = (system: NonNullable<WhatsAppInboundMessage['system']>) => {
  const newWaId = system.wa_id ?? (system.new_wa_id === undefined ? undefined : String(system.new_wa_id));
  return { type: system.type ?? 'unknown', ...(newWaId !== undefined && { newWaId }) };
};

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
    ...(message.type === 'location' && message.location && { location: locationOf(message.location) }),
    ...(message.type === 'contacts' &&
      message.contacts && { sharedContacts: message.contacts.map(sharedContactOf) }),
    ...(message.type === 'system' && message.system && { system: systemOf(message.system) }),
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

/** Something in a delivery that was deliberately not acted on; kind and reason only, safe to log. */
export interface WhatsAppSkipped {
  kind: 'entry' | 'change' | 'message' | 'status' | 'preference' | 'error';
  /** The change's field, when known (e.g. `account_update`). */
  field?: string;
  reason: string;
}

// Paths and zod's messages only: never the values, which may be a number or words.
const reasonOf = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

const entrySchema = z.looseObject({ id: z.string().optional(), changes: z.array(z.unknown()) });
const changeSchema = z.looseObject({ field: z.string(), value: z.unknown().optional() });

/** A messages value's frame; its messages, statuses and contacts are read one by one. */
const messagesFrameSchema = z.looseObject({
  metadata: whatsAppMetadataSchema,
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

const preferencesFrameSchema = z.looseObject({
  metadata: whatsAppMetadataSchema,
  user_preferences: z.array(z.unknown()),
});

type Skip = (skipped: WhatsAppSkipped) => void;

/** Each item of `items` that parses, in order; the others are reported to `skip`. */
const eachParsed = <S extends z.ZodType>(
  items: unknown[] | undefined,
  schema: S,
  kind: WhatsAppSkipped['kind'],
  skip: Skip,
): z.infer<S>[] =>
  (items ?? []).flatMap((item) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return [parsed.data as z.infer<S>];
    skip({ kind, field: 'messages', reason: reasonOf(parsed.error) });
    return [];
  });

const messagesChangeEvents = (value: unknown, skip: Skip): WhatsAppEvent[] => {
  const frame = messagesFrameSchema.safeParse(value);
  if (!frame.success) {
    skip({ kind: 'change', field: 'messages', reason: reasonOf(frame.error) });
    return [];
  }
  const { metadata, contacts, messages, statuses, errors } = frame.data;
  const phoneNumberId = metadata.phone_number_id;
  // A malformed profile only loses the name: the message still carries its sender.
  const profiles = (contacts ?? []).flatMap((contact) => {
    const parsed = whatsAppContactSchema.safeParse(contact);
    return parsed.success ? [parsed.data] : [];
  });
  const events: WhatsAppEvent[] = [];
  for (const message of eachParsed(messages, whatsAppInboundMessageSchema, 'message', skip)) {
    events.push(messageEvent(phoneNumberId, message, profiles));
  }
  for (const status of eachParsed(statuses, whatsAppStatusSchema, 'status', skip)) {
    const event = statusEvent(phoneNumberId, status);
    if (event) events.push(event);
    else
      skip({ kind: 'status', field: 'messages', reason: `untracked status ${status.status.slice(0, 20)}` });
  }
  for (const error of eachParsed(errors, whatsAppErrorSchema, 'error', skip)) {
    events.push({ kind: 'error', phoneNumberId, error: toErrorDetail(error) });
  }
  return events;
};

const preferencesChangeEvents = (value: unknown, skip: Skip): WhatsAppEvent[] => {
  const frame = preferencesFrameSchema.safeParse(value);
  if (!frame.success) {
    skip({ kind: 'change', field: 'user_preferences', reason: reasonOf(frame.error) });
    return [];
  }
  const phoneNumberId = frame.data.metadata.phone_number_id;
  return frame.data.user_preferences.flatMap((item) => {
    const parsed = whatsAppUserPreferenceSchema.safeParse(item);
    if (!parsed.success) {
      skip({ kind: 'preference', field: 'user_preferences', reason: reasonOf(parsed.error) });
      return [];
    }
    const event = preferenceEvent(phoneNumberId, parsed.data);
    if (!event)
      skip({ kind: 'preference', field: 'user_preferences', reason: 'value is not stop or resume' });
    return event ? [event] : [];
  });
};

/**
 * Flattens a webhook into the events this backend acts on, in delivery order. Each entry, change, message,
 * status and preference is read on its own: what does not parse, fields it does not handle and statuses it
 * does not track (e.g. `played`) are reported to `skip` and left out, and the rest goes through.
 */
export const parseWhatsAppEvents = (envelope: WhatsAppWebhook, skip: Skip = () => {}): WhatsAppEvent[] => {
  const events: WhatsAppEvent[] = [];
  for (const item of envelope.entry) {
    const entry = entrySchema.safeParse(item);
    if (!entry.success) {
      skip({ kind: 'entry', reason: reasonOf(entry.error) });
      continue;
    }
    for (const raw of entry.data.changes) {
      const change = changeSchema.safeParse(raw);
      if (!change.success) {
        skip({ kind: 'change', reason: reasonOf(change.error) });
      } else if (change.data.field === 'messages') {
        events.push(...messagesChangeEvents(change.data.value, skip));
      } else if (change.data.field === 'user_preferences') {
        events.push(...preferencesChangeEvents(change.data.value, skip));
      } else {
        skip({ kind: 'change', field: change.data.field.slice(0, 64), reason: 'field not handled' });
      }
    }
  }
  return events;
};
