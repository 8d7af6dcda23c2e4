import { crc32 } from 'node:zlib'

/** `EVS1`: the first four bytes of every spool record. */
const MAGIC = 0x45565331

/** Bytes before a record's body: magic, body length, CRC-32, time received. */
export const FRAME_HEADER_BYTES = 20

/** One body as the spool holds it. */
export interface SpoolRecord {
  /** The request body, byte for byte. */
  readonly body: Buffer
  /** When it was received, in milliseconds since the epoch. */
  readonly receivedAt: number
}

/** A body framed for a segment: header (with a CRC-32 of time and body), then the body. */
export function encodeFrame(record: SpoolRecord): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + record.body.length)
  frame.writeUInt32BE(MAGIC, 0)
  frame.writeUInt32BE(record.body.length, 4)
  frame.writeDoubleBE(record.receivedAt, 12)
  record.body.copy(frame, FRAME_HEADER_BYTES)
  frame.writeUInt32BE(crc32(frame.subarray(12)), 8)
  return frame
}

/**
 * The records of a segment, in order, and where the readable part ends. Reading stops at the
 * first frame that is cut short or fails its check: a write that never completed, so a body
 * that was never acknowledged.
 */
export function decodeFrames(segment: Buffer): { records: SpoolRecord[]; end: number } {
  const records: SpoolRecord[] = []
  let offset = 0
  while (offset + FRAME_HEADER_BYTES <= segment.length) {
    if (segment.readUInt32BE(offset) !== MAGIC) break
    const length = segment.readUInt32BE(offset + 4)
    const end = offset + FRAME_HEADER_BYTES + length
    if (end > segment.length) break
    if (crc32(segment.subarray(offset + 12, end)) !== segment.readUInt32BE(offset + 8)) break
    records.push({
      receivedAt: segment.readDoubleBE(offset + 12),
      body: segment.subarray(offset + FRAME_HEADER_BYTES, end),
    })
    offset = end
  }
  return { records, end: offset }
}

/** The time a segment's first record was received, from its header bytes. */
export function firstReceivedAt(header: Buffer): number | undefined {
  if (header.length < FRAME_HEADER_BYTES || header.readUInt32BE(0) !== MAGIC) return undefined
  return header.readDoubleBE(12)
}
