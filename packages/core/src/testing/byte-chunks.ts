/**
 * The UTF-8 bytes of `text` in chunks of `size` bytes (default 64 KiB, the chunk size of
 * `fs.createReadStream`), cut wherever they fall, inside characters too: a file as a stream
 * reads it, for feeding `normalizeStream` in benchmarks and tests.
 */
export function byteChunks(text: string, size = 64 * 1024): Buffer[] {
  const bytes = Buffer.from(text)
  const chunks: Buffer[] = []
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size))
  }
  return chunks
}
