import fc from 'fast-check'

const UINT64_MAX = 2n ** 64n - 1n

/** A `seq_id` as core's lossless parser yields it: a number up to 2^53 - 1, a decimal string above. */
export const seqIdArbitrary: fc.Arbitrary<number | string> = fc
  .oneof(fc.bigInt({ min: 0n, max: UINT64_MAX }), fc.bigInt({ min: 0n, max: 100_000n }))
  .map((seq) => (seq <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seq) : seq.toString()))

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The last Sunday of a 31-day month: the EU DST change in March and October. */
function lastSunday(year: number, month: 3 | 10): number {
  return 31 - new Date(Date.UTC(year, month - 1, 31)).getUTCDay()
}

const yearArbitrary = fc.integer({ min: 1995, max: 2037 })

/** A real calendar date, any day of any month, with the EU DST Sundays drawn often. */
const dateArbitrary: fc.Arbitrary<[number, number, number]> = fc.oneof(
  fc
    .tuple(yearArbitrary, fc.integer({ min: 1, max: 12 }))
    .chain(([year, month]) =>
      fc
        .integer({ min: 1, max: daysIn(year, month) })
        .map((day): [number, number, number] => [year, month, day]),
    ),
  fc
    .tuple(yearArbitrary, fc.constantFrom(3 as const, 10 as const))
    .map(([year, month]): [number, number, number] => [year, month, lastSunday(year, month)]),
)

/**
 * A valid `YYYY-MM-DD HH:MM:SS` wall-clock time between 1995 and 2037, on real calendar days
 * (the 29th to 31st included), often on a DST Sunday and in the hours 02 and 03.
 */
export const localTimeArbitrary: fc.Arbitrary<string> = fc
  .record({
    date: dateArbitrary,
    hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(2, 3)),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ date: [year, month, day], hour, minute, second }) => {
    const two = (value: number) => String(value).padStart(2, '0')
    return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`
  })

/** Field pairs a `modify` value can carry unambiguously: keys free of `=`, nothing free of `"; "`. */
export const modifyPairsArbitrary: fc.Arbitrary<[string, string][]> = fc.uniqueArray(
  fc.tuple(
    fc.string({ minLength: 1 }).filter((key) => !key.includes('=') && !key.includes('; ')),
    fc.string().filter((value) => !value.includes('; ')),
  ),
  { selector: ([key]) => key, minLength: 1, maxLength: 6 },
)

/** A `modify` value: `key=value` pairs joined by `"; "`. */
export const modifyValueArbitrary: fc.Arbitrary<string> = modifyPairsArbitrary.map((pairs) =>
  pairs.map(([key, value]) => `${key}=${value}`).join('; '),
)

/** A `view` value: the documented four-part order, or pieces built to trip up the parser. */
export const viewValueArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.ipV4(), fc.constantFrom('EE', 'LV', 'fi'))
    .map(([ip, cc]) => `Linux; Thunderbird; ${ip}; ${cc}`),
  fc
    .array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          ' ',
          '   ',
          ';',
          '|',
          ',',
          '\t',
          '\n',
          '=',
          ':',
          '(',
          ')',
          'ip',
          'ua',
          'EE',
        ),
        fc.ipV4(),
        fc.ipV6(),
      ),
      { maxLength: 12 },
    )
    .map((pieces) => pieces.join('')),
)

function valueFor(action: string): fc.Arbitrary<string> {
  switch (action) {
    case 'bounce':
      return fc.oneof(
        fc.constantFrom('550', '554', '421', '450', '0', '200', '1001', '1002', '', '5.1.1'),
        fc.integer({ min: 200, max: 599 }).map(String),
        fc.string(),
      )
    case 'click':
      return fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.constant(''))
    case 'modify':
      return fc.oneof(modifyValueArbitrary, fc.string())
    case 'view':
      return viewValueArbitrary
    default:
      return fc.oneof(fc.constant(''), fc.string())
  }
}

/** A well-formed history.php row for `action`, from cursor mode (with `seq_id`) or window mode. */
export function smailyRowArbitrary(action: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      seq_id: seqIdArbitrary,
      email: fc.emailAddress(),
      time: localTimeArbitrary,
      campaign_id: fc.option(fc.nat(), { nil: null }),
      campaign_name: fc.option(fc.string(), { nil: null }),
      action: fc.constant(action),
      value: valueFor(action),
    },
    { requiredKeys: ['email', 'time', 'campaign_id', 'campaign_name', 'action', 'value'] },
  )
}

/** What makes two rows distinct actions: the `seq_id` when present, else the whole row. */
export function smailyDistinctKey(record: Record<string, unknown>): string {
  return record.seq_id === undefined
    ? `row:${JSON.stringify(record)}`
    : `seq:${String(record.seq_id)}`
}
