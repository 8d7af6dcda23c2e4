import { z } from 'zod'
import {
  BOUNCE_CLASSES,
  CANONICAL_SCHEMA_VERSION,
  CHANNELS,
  DROP_REASONS,
  EVENT_TYPES,
  type EventType,
  LOCAL_TIME_RESOLUTIONS,
  READ_LEVELS,
  SUBSCRIPTION_STATUSES,
} from './taxonomy.js'

/** A vendor identifier, always carried as a non-empty string (64-bit ids stay exact). */
export const IdentifierSchema = z
  .string()
  .min(1)
  .describe('A vendor identifier as an exact string.')

/**
 * A UTC instant in the lossless sortable form `YYYY-MM-DDTHH:MM:SS.fffffffffZ`: always nine
 * fraction digits, so string order is time order and nanoseconds survive.
 */
export const InstantSchema = z
  .string()
  .meta({ id: 'Instant' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/)
  .describe('UTC instant, YYYY-MM-DDTHH:MM:SS.fffffffffZ (nine fraction digits, sortable).')

const ChannelSchema = z.enum(CHANNELS).describe('Canonical channel.').meta({ id: 'Channel' })

/** Where the event's time came from, and how a local time was placed on the UTC line. */
export const SourceTimeSchema = z
  .strictObject({
    /** The vendor's time string exactly as received. */
    raw: z.string().describe("The vendor's time string exactly as received."),
    /** IANA zone the raw time was read in, when the vendor sent wall-clock time without offset. */
    zone: z.string().optional().describe('IANA zone of a raw local time without offset.'),
    /** The raw local time fell in a repeated (autumn) or skipped (spring) hour of that zone. */
    dst: z
      .enum(['repeated', 'skipped'])
      .optional()
      .describe('Set when the local time was in a repeated or skipped DST hour.'),
    /** How the DST case was settled (policy choice, or inference from vendor ordering evidence). */
    resolution: z
      .enum(LOCAL_TIME_RESOLUTIONS)
      .optional()
      .describe('How a DST-affected local time was resolved.'),
  })
  .meta({ id: 'SourceTime' })

/** Provenance: which vendor surface and record the event came from. */
export const SourceSchema = z
  .strictObject({
    /** Vendor name, e.g. `altcraft`, `smaily`. */
    vendor: z.string().min(1).describe('Vendor name.'),
    /** Feed id of the adapter, e.g. `smaily.history`. */
    feed: z.string().min(1).describe('Feed id of the adapter.'),
    /** The vendor's own action / event name, verbatim (kept for `unknown` events too). */
    verb: z.string().describe("The vendor's own action name, verbatim."),
    /** The vendor's own record id, when it has one (Smaily `seq_id`, Altcraft `event_id`). */
    recordId: IdentifierSchema.optional().describe("The vendor's own record id."),
    /** `vendor`: the event id derives from the vendor's record id; `content`: from record content. */
    idBasis: z.enum(['vendor', 'content']).describe('What the event id was derived from.'),
    /** 2, 3, … when identical content-keyed records repeated within a run (see docs). */
    occurrence: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe('Occurrence number of a repeated identical record.'),
    /** The vendor's channel string when it was not a known one (channel is then `other`). */
    channel: z.string().optional().describe('Unrecognised vendor channel string.'),
    /** The record's time as the vendor sent it. */
    time: SourceTimeSchema,
  })
  .meta({ id: 'Source' })

/** A push subscription address. */
export const PushAddressSchema = z
  .strictObject({
    /** Push provider name as sent by the vendor. */
    provider: z.string().optional().describe('Push provider.'),
    /** Provider-side subscription / device id. */
    subscriptionId: z.string().optional().describe('Push subscription id.'),
  })
  .meta({ id: 'PushAddress' })

/** Who the event is about. */
export const RecipientSchema = z
  .strictObject({
    /** Email address, trimmed, domain lower-cased. */
    email: z.string().optional().describe('Email address (trimmed, domain lower-cased).'),
    /** Phone number, `+` and digits only. */
    phone: z.string().optional().describe('Phone number, + and digits.'),
    /** The vendor's profile id. */
    profileId: IdentifierSchema.optional().describe("Vendor's profile id."),
    /** The vendor's database / list id. */
    listId: IdentifierSchema.optional().describe("Vendor's database or list id."),
    /** The vendor's account id. */
    accountId: IdentifierSchema.optional().describe("Vendor's account id."),
    /** Vendor hashes keyed by the vendor's own field name (e.g. `xxh`, `_xxh`, `_md5`). */
    hashes: z
      .record(z.string(), z.string())
      .optional()
      .describe('Vendor hashes by vendor field name.'),
    /** Push subscription address. */
    push: PushAddressSchema.optional(),
    /** Profile field values sent with the event (e.g. Altcraft `fields`, hook `custom_data`). */
    fields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Profile field values sent with the event.'),
  })
  .meta({ id: 'Recipient' })

/** Campaign / mailing reference. */
export const CampaignSchema = z
  .strictObject({
    /** Campaign (mailing) id. */
    id: IdentifierSchema.optional().describe('Campaign id.'),
    /** Campaign name as the vendor shows it. */
    name: z.string().optional().describe('Campaign name.'),
    /** Id of one launch of the campaign. */
    launchId: IdentifierSchema.optional().describe('Campaign launch id.'),
    /** Vendor-side id of the campaign in another numbering (Altcraft `scampaign_id`). */
    systemId: IdentifierSchema.optional().describe('Vendor system campaign id.'),
    /** A/B or holdout group the recipient was in. */
    group: z.enum(['test', 'control']).optional().describe('Test or control group.'),
  })
  .meta({ id: 'Campaign' })

/** Message / template / send references. */
export const MessageSchema = z
  .strictObject({
    /** Template (message) id. */
    id: IdentifierSchema.optional().describe('Template or message id.'),
    /** Template (message) name. */
    name: z.string().optional().describe('Template or message name.'),
    /** Id of this one send (Altcraft `smid` / `send_message_id`). */
    sendId: IdentifierSchema.optional().describe('Id of one send.'),
    /** Full form of the send id (Altcraft `full_message_id`). */
    fullSendId: IdentifierSchema.optional().describe('Full send id.'),
    /** Email-safe form of the send id (Altcraft `email_message_id`). */
    emailSendId: IdentifierSchema.optional().describe('Email-safe send id.'),
    /** Extra push message uid (Altcraft `extra_uid`). */
    extraUid: IdentifierSchema.optional().describe('Extra push uid.'),
    /** Delivery provider (push provider, SMS gateway). */
    provider: z.string().optional().describe('Delivery provider.'),
  })
  .meta({ id: 'MessageReference' })

/** A subscription: one channel address of a profile on one vendor resource. */
export const SubscriptionSchema = z
  .strictObject({
    /** Canonical channel of the subscription. */
    channel: ChannelSchema,
    /** The vendor's channel string when it was not a known one. */
    channelRaw: z.string().optional().describe('Unrecognised vendor channel string.'),
    /** Vendor resource (list / newsletter) id. */
    resourceId: IdentifierSchema.optional().describe('Vendor resource id.'),
    /** Vendor resource name. */
    resourceName: z.string().optional().describe('Vendor resource name.'),
    /** Subscription status. */
    status: z.enum(SUBSCRIPTION_STATUSES).optional().describe('Subscription status.'),
    /** The vendor's status string when it was not a known one. */
    statusRaw: z.string().optional().describe('Unrecognised vendor status.'),
    /** Priority among the profile's subscriptions (vendor semantics; Altcraft: 0 is highest). */
    priority: z.number().int().optional().describe('Priority (Altcraft: 0 is highest).'),
    /** Resource categories. */
    categories: z.array(z.string()).optional().describe('Resource categories.'),
    /** Email address of an email subscription. */
    email: z.string().optional().describe('Email address.'),
    /** Phone of an SMS or messenger subscription. */
    phone: z.string().optional().describe('Phone number.'),
    /** Push address of a push subscription. */
    push: PushAddressSchema.optional(),
    /** Messenger chat id (e.g. Telegram bot chat). */
    chatId: IdentifierSchema.optional().describe('Messenger chat id.'),
    /** Subscription hash id. */
    hashId: IdentifierSchema.optional().describe('Subscription hash id.'),
    /** Custom and system subscription fields, verbatim. */
    customFields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Subscription fields, verbatim.'),
  })
  .meta({ id: 'Subscription' })

/** Device and location of the recipient when the event happened. */
export const DeviceContextSchema = z
  .strictObject({
    /** IP address. */
    ip: z.string().optional().describe('IP address.'),
    /** User agent string. */
    userAgent: z.string().optional().describe('User agent.'),
    /** Operating system. */
    os: z.string().optional().describe('Operating system.'),
    /** Browser or email client, with version when known. */
    browser: z.string().optional().describe('Browser or email client.'),
    /** Device kind (e.g. `web`, `mobile`). */
    device: z.string().optional().describe('Device kind.'),
    /** ISO 3166-1 alpha-2 country code. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .describe('ISO 3166-1 alpha-2 country.'),
    /** The vendor's country value verbatim (e.g. `.uk`). */
    countryRaw: z.string().optional().describe("Vendor's country value, verbatim."),
    /** City. */
    city: z.string().optional().describe('City.'),
    /** Region. */
    region: z.string().optional().describe('Region.'),
    /** Postal code. */
    postalCode: z.string().optional().describe('Postal code.'),
    /** IANA time zone of the recipient. */
    timeZone: z.string().optional().describe('IANA time zone.'),
    /** Latitude in degrees. */
    latitude: z.number().min(-90).max(90).optional().describe('Latitude.'),
    /** Longitude in degrees. */
    longitude: z.number().min(-180).max(180).optional().describe('Longitude.'),
  })
  .meta({ id: 'DeviceContext' })

const codeAndMessage = {
  /** Vendor or protocol code, as a string. */
  code: z.string().optional().describe('Vendor or protocol code.'),
  /** Human-readable reason from the vendor. */
  message: z.string().optional().describe('Reason text from the vendor.'),
}

/** `message.bounced` details. */
export const BounceDetailsSchema = z
  .strictObject({
    /** `hard` (permanent, SMTP 5xx), `soft` (temporary, 4xx) or `unknown`. */
    class: z.enum(BOUNCE_CLASSES).describe('Bounce class.'),
    /** `smtp` when `code` is an SMTP reply code, `vendor` when it is a vendor-specific code. */
    codeKind: z.enum(['smtp', 'vendor']).optional().describe('What kind of code `code` is.'),
    ...codeAndMessage,
  })
  .meta({ id: 'BounceDetails' })

/** `message.delivery_failed` details. */
export const DeliveryFailedDetailsSchema = z
  .strictObject(codeAndMessage)
  .meta({ id: 'DeliveryFailedDetails' })

/** `message.deferred` details: a delivery delayed and to be retried, not a final outcome. */
export const DeferredDetailsSchema = z
  .strictObject({
    ...codeAndMessage,
    /** Which delivery attempt was deferred (1 for the first). */
    attempt: z.number().int().min(1).optional().describe('Delivery attempt that was deferred.'),
  })
  .meta({ id: 'DeferredDetails' })

/** `message.dropped` details. */
export const DroppedDetailsSchema = z
  .strictObject({
    /** Why the message was not sent. */
    reason: z.enum(DROP_REASONS).describe('Why the message was not sent.'),
    /** The vendor's reason text, verbatim. */
    message: z.string().optional().describe("The vendor's reason text."),
  })
  .meta({ id: 'DroppedDetails' })

/** `message.opened` details. */
export const OpenedDetailsSchema = z
  .strictObject({
    /** True for the first (unique) open, false for a repeat; absent when the vendor does not say. */
    unique: z.boolean().optional().describe('Unique (first) open.'),
    /**
     * True when a mail proxy or scanner made it, not the recipient (e.g. SendGrid
     * `sg_machine_open`, a Gmail image proxy user agent); false when the vendor says it was
     * not; absent when unknown.
     */
    machine: z.boolean().optional().describe('Made by a mail proxy or scanner, not a person.'),
    /** The vendor's free-form value for the open, verbatim. */
    raw: z.string().optional().describe("Vendor's free-form value, verbatim."),
  })
  .meta({ id: 'OpenedDetails' })

/** `message.read` details. */
export const ReadDetailsSchema = z
  .strictObject({
    /** How deeply the message was read. */
    level: z.enum(READ_LEVELS).describe('Read depth.'),
  })
  .meta({ id: 'ReadDetails' })

/** `message.clicked` details. */
export const ClickedDetailsSchema = z
  .strictObject({
    /** The clicked URL. */
    url: z.string().optional().describe('Clicked URL.'),
    /** True for the first (unique) click, false for a repeat; absent when unknown. */
    unique: z.boolean().optional().describe('Unique (first) click.'),
    /**
     * True when a mail proxy or scanner made it, not the recipient (e.g. SendGrid
     * `sg_machine_open`, a Gmail image proxy user agent); false when the vendor says it was
     * not; absent when unknown.
     */
    machine: z.boolean().optional().describe('Made by a mail proxy or scanner, not a person.'),
  })
  .meta({ id: 'ClickedDetails' })

/** `subscription.*` details. */
export const SubscriptionDetailsSchema = z
  .strictObject({
    /** `channel`: one channel subscription; `global`: the whole profile; `group`: one subscription group. */
    scope: z
      .enum(['channel', 'global', 'group'])
      .describe('Channel subscription, whole profile, or one subscription group.'),
    /** The vendor's subscription (suppression) group id, with scope `group`. */
    groupId: IdentifierSchema.optional().describe('Subscription group id (scope group).'),
    /** How it happened (e.g. `api`, `manual`, `link`, `form`). */
    via: z.string().optional().describe('How it happened.'),
  })
  .meta({ id: 'SubscriptionDetails' })

/** `profile.created` details. */
export const ProfileCreatedDetailsSchema = z
  .strictObject({
    /** Where the profile came from (e.g. `api`, `file`, `form`, `manual`). */
    origin: z.string().optional().describe('Where the profile came from.'),
  })
  .meta({ id: 'ProfileCreatedDetails' })

/** `profile.updated` details. */
export const ProfileUpdatedDetailsSchema = z
  .strictObject({
    /** Field values after the change, as the vendor reported them. */
    fields: z.record(z.string(), z.string()).optional().describe('Field values after the change.'),
    /** The vendor's raw change description, verbatim. */
    raw: z.string().optional().describe("Vendor's raw change text."),
  })
  .meta({ id: 'ProfileUpdatedDetails' })

/** `profile.merged` / `profile.split` details. */
export const ProfileMergeDetailsSchema = z
  .strictObject({
    /** The vendor's `destination` value verbatim (its element shape is undocumented). */
    destination: z.array(z.unknown()).optional().describe("Vendor's destination, verbatim."),
  })
  .meta({ id: 'ProfileMergeDetails' })

/** `segment.*` details. */
export const SegmentDetailsSchema = z
  .strictObject({
    /** Segment id. */
    segmentId: IdentifierSchema.optional().describe('Segment id.'),
  })
  .meta({ id: 'SegmentDetails' })

/** `promocode.*` details. */
export const PromocodeDetailsSchema = z
  .strictObject({
    /** The promo code. */
    code: z.string().optional().describe('Promo code.'),
    /** Loyalty programme id. */
    loyaltyId: IdentifierSchema.optional().describe('Loyalty programme id.'),
    /** When the code was attached, detached or activated, if the vendor says. */
    at: InstantSchema.optional().describe('When the code changed state.'),
  })
  .meta({ id: 'PromocodeDetails' })

/** `form.*` details (site forms and popups). */
export const FormDetailsSchema = z
  .strictObject({
    /** `form` or `popup`. */
    surface: z.enum(['form', 'popup']).describe('Form or popup.'),
    /** Form / popup id. */
    formId: IdentifierSchema.optional().describe('Form or popup id.'),
    /** Name of the clicked element. */
    element: z.string().optional().describe('Clicked element name.'),
    /** Target URL of the clicked element. */
    url: z.string().optional().describe('Clicked URL.'),
    /** Referring page. */
    referrer: z.string().optional().describe('Referring page.'),
    /** Submission id. */
    submissionId: z.string().optional().describe('Submission id.'),
    /** Error name. */
    error: z.string().optional().describe('Error name.'),
    /** Error category code. */
    errorCategory: z.string().optional().describe('Error category code.'),
    /** UTM tags. */
    utm: z.record(z.string(), z.string()).optional().describe('UTM tags.'),
  })
  .meta({ id: 'FormDetails' })

/** `goal.reached` details. */
export const GoalDetailsSchema = z
  .strictObject({
    /** Tracking pixel id. */
    pixelId: IdentifierSchema.optional().describe('Pixel id.'),
  })
  .meta({ id: 'GoalDetails' })

/** Detail schema of each event type; `null` means the type carries no details. */
export const DETAILS_SCHEMAS = {
  'message.sent': null,
  'message.delivered': null,
  'message.delivery_failed': DeliveryFailedDetailsSchema.optional(),
  'message.deferred': DeferredDetailsSchema.optional(),
  'message.bounced': BounceDetailsSchema,
  'message.dropped': DroppedDetailsSchema,
  'message.opened': OpenedDetailsSchema.optional(),
  'message.read': ReadDetailsSchema,
  'message.clicked': ClickedDetailsSchema.optional(),
  'message.replied': null,
  'message.complained': null,
  'subscription.subscribed': SubscriptionDetailsSchema,
  'subscription.unsubscribed': SubscriptionDetailsSchema,
  'subscription.confirmed': SubscriptionDetailsSchema,
  'profile.created': ProfileCreatedDetailsSchema.optional(),
  'profile.updated': ProfileUpdatedDetailsSchema.optional(),
  'profile.deleted': null,
  'profile.merged': ProfileMergeDetailsSchema.optional(),
  'profile.split': ProfileMergeDetailsSchema.optional(),
  'segment.entered': SegmentDetailsSchema.optional(),
  'segment.exited': SegmentDetailsSchema.optional(),
  'relation.attached': null,
  'relation.detached': null,
  'relation.strengthened': null,
  'promocode.attached': PromocodeDetailsSchema.optional(),
  'promocode.detached': PromocodeDetailsSchema.optional(),
  'promocode.activated': PromocodeDetailsSchema.optional(),
  'form.loaded': FormDetailsSchema,
  'form.page_shown': FormDetailsSchema,
  'form.clicked': FormDetailsSchema,
  'form.submitted': FormDetailsSchema,
  'form.abandoned': FormDetailsSchema,
  'form.closed': FormDetailsSchema,
  'form.failed': FormDetailsSchema,
  'goal.reached': GoalDetailsSchema.optional(),
  unknown: null,
} as const satisfies Record<(typeof EVENT_TYPES)[number], z.ZodType | null>

/** Fields every canonical event has, whatever its type. */
export const EventEnvelopeShape = {
  /** Version of the canonical model this event follows. */
  schema: z.literal(CANONICAL_SCHEMA_VERSION).describe('Canonical model version.'),
  /** Deterministic UUID v5 (see docs: recomputable from feed + natural key). */
  id: z.uuid().describe('Deterministic UUID v5 event id.'),
  /** Canonical channel. */
  channel: ChannelSchema,
  /** When it happened, UTC, lossless and sortable. */
  occurredAt: InstantSchema,
  /** How many vendor actions this event stands for (Altcraft history collapses same-second actions). */
  count: z.number().int().min(1).describe('Number of vendor actions this event stands for.'),
  /** True when produced by a test send. */
  test: z.boolean().optional().describe('Produced by a test send.'),
  /** Sending attempts the vendor reported. */
  attempts: z.number().int().min(1).optional().describe('Sending attempts.'),
  /** Provenance. */
  source: SourceSchema,
  /** Who the event is about. */
  recipient: RecipientSchema.optional(),
  /** Campaign reference. */
  campaign: CampaignSchema.optional(),
  /** Message reference. */
  message: MessageSchema.optional(),
  /** The subscription the event went through. */
  subscription: SubscriptionSchema.optional(),
  /** The profile's subscriptions as the vendor reported them alongside the event (see adapter docs for as-of time). */
  profileSubscriptions: z
    .array(SubscriptionSchema)
    .optional()
    .describe("Profile's subscriptions as reported with the event."),
  /** Device and location context. */
  context: DeviceContextSchema.optional(),
  /** Extra vendor data with no canonical field, verbatim (e.g. hook `custom_data` that is not an object). */
  extra: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Vendor data with no canonical field, verbatim.'),
  /** The raw vendor record, when asked for. */
  raw: z.unknown().optional().describe('The raw vendor record (only when requested).'),
}

function variant(type: EventType) {
  const details = DETAILS_SCHEMAS[type]
  return z
    .strictObject({
      ...EventEnvelopeShape,
      type: z.literal(type),
      ...(details === null ? {} : { details }),
    })
    .meta({ id: variantName(type) })
}

function variantName(type: EventType): string {
  const words = type.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1))
  return `${words.join('')}Event`
}

type DetailsSchemas = typeof DETAILS_SCHEMAS
type EnvelopeOutput = z.output<z.ZodObject<typeof EventEnvelopeShape>>
type DetailsOutput<T extends EventType> =
  DetailsSchemas[T] extends z.ZodOptional<infer S>
    ? { details?: z.output<S> }
    : DetailsSchemas[T] extends z.ZodType
      ? { details: z.output<DetailsSchemas[T]> }
      : { details?: never }

/** The canonical event of one type, e.g. `CanonicalEventOf<'message.bounced'>`. */
export type CanonicalEventOf<T extends EventType> = EnvelopeOutput & { type: T } & DetailsOutput<T>

/** The canonical event, v1: one variant per type, discriminated by `type`. */
export type CanonicalEvent = { [T in EventType]: CanonicalEventOf<T> }[EventType]

/** The canonical event schema, v1: a union discriminated by `type`. */
export const CanonicalEventSchema = z
  .discriminatedUnion(
    'type',
    EVENT_TYPES.map((type) => variant(type)) as [ReturnType<typeof variant>],
  )
  .describe('evnorm canonical engagement event, v1.') as unknown as z.ZodType<CanonicalEvent>
