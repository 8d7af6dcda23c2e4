/**
 * Classes of personal data a canonical field can hold:
 * - `email`, `phone`, `ip`, `user_agent`: the recipient's address, number, IP and user agent;
 * - `geo`: a position finer than a country (city, region, postal code, coordinates);
 * - `profile`: profile field values and the ids that single out one person (profile id, push
 *   subscription id, messenger chat id, subscription hash id);
 * - `raw`: vendor data kept verbatim that may hold anything (`event.raw`, `event.extra`, the
 *   vendor's free-text reason of a bounce or failure, the raw record of a rejection).
 */
export const PERSONAL_DATA_CLASSES = [
  'email',
  'phone',
  'ip',
  'user_agent',
  'geo',
  'profile',
  'raw',
] as const

/** A class of personal data. */
export type PersonalDataClass = (typeof PERSONAL_DATA_CLASSES)[number]

/**
 * The personal-data class of every canonical field, or `false` for a field that is not
 * personal, by the field's object (its `$defs` name in the JSON Schema; `Event` for the fields
 * every event variant shares) and name. A field that only holds a nested object is classified
 * field by field inside that object. The JSON Schema carries each entry as `x-evnorm-personal`.
 */
export const PERSONAL_DATA_FIELDS = {
  Event: {
    schema: false,
    id: false,
    type: false,
    channel: false,
    occurredAt: false,
    count: false,
    test: false,
    attempts: false,
    extra: 'raw',
    raw: 'raw',
  },
  Source: {
    vendor: false,
    feed: false,
    verb: false,
    recordId: false,
    idBasis: false,
    occurrence: false,
    channel: false,
  },
  SourceTime: { raw: false, zone: false, dst: false, resolution: false },
  Recipient: {
    email: 'email',
    phone: 'phone',
    profileId: 'profile',
    listId: false,
    accountId: false,
    hashes: 'email',
    fields: 'profile',
  },
  PushAddress: { provider: false, subscriptionId: 'profile' },
  Campaign: { id: false, name: false, launchId: false, systemId: false, group: false },
  MessageReference: {
    id: false,
    name: false,
    sendId: false,
    fullSendId: false,
    emailSendId: false,
    extraUid: false,
    provider: false,
  },
  Subscription: {
    channel: false,
    channelRaw: false,
    resourceId: false,
    resourceName: false,
    status: false,
    statusRaw: false,
    priority: false,
    categories: false,
    email: 'email',
    phone: 'phone',
    chatId: 'profile',
    hashId: 'profile',
    customFields: 'profile',
  },
  DeviceContext: {
    ip: 'ip',
    userAgent: 'user_agent',
    os: false,
    browser: false,
    device: false,
    country: false,
    countryRaw: false,
    city: 'geo',
    region: 'geo',
    postalCode: 'geo',
    timeZone: false,
    latitude: 'geo',
    longitude: 'geo',
  },
  BounceDetails: { class: false, codeKind: false, code: false, message: 'raw' },
  DeliveryFailedDetails: { code: false, message: 'raw' },
  DeferredDetails: { code: false, message: 'raw', attempt: false },
  DroppedDetails: { reason: false, message: 'raw' },
  OpenedDetails: { unique: false, machine: false, raw: 'raw' },
  ReadDetails: { level: false },
  ClickedDetails: { url: false, unique: false, machine: false },
  SubscriptionDetails: { scope: false, groupId: false, via: false },
  ProfileCreatedDetails: { origin: false },
  ProfileUpdatedDetails: { fields: 'profile', raw: 'profile' },
  ProfileMergeDetails: { destination: 'profile' },
  SegmentDetails: { segmentId: false },
  PromocodeDetails: { code: false, loyaltyId: false, at: false },
  FormDetails: {
    surface: false,
    formId: false,
    element: false,
    url: false,
    referrer: false,
    submissionId: false,
    error: false,
    errorCategory: false,
    utm: false,
  },
  GoalDetails: { pixelId: false },
} as const satisfies Record<string, Record<string, PersonalDataClass | false>>

/**
 * Fields whose values the vendor already hashed (Altcraft `xxh`, `_xxh`, `_md5` in
 * `recipient.hashes`; the subscription hash id), as `Object.field`: `hash` keeps them as they
 * are instead of hashing a hash; `drop` drops them.
 */
export const VENDOR_HASHED_FIELDS: ReadonlySet<string> = new Set([
  'Recipient.hashes',
  'Subscription.hashId',
])

/** The class of `field` of `object` (a `$defs` name, `Event` for the envelope); undefined when unclassified. */
export function personalDataClassOf(
  object: string,
  field: string,
): PersonalDataClass | false | undefined {
  const fields = (
    PERSONAL_DATA_FIELDS as Record<string, Record<string, PersonalDataClass | false>>
  )[object]
  return fields !== undefined && Object.hasOwn(fields, field) ? fields[field] : undefined
}
