import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { isInputFileName } from './input-format.js'
import { describeIoError } from './io-error.js'
import type { InputSpec } from './open-input.js'

/** The name standard input has in messages and summaries. */
export const STDIN_NAME = '<stdin>'

/** What {@link expandInputs} returns: the inputs to read, or the one that cannot be listed. */
export type ExpandInputsResult =
  | { readonly success: true; readonly inputs: readonly InputSpec[] }
  | { readonly success: false; readonly name: string; readonly problem: string }

/**
 * Turns `normalize`'s arguments into inputs: none or `-` is standard input, a directory is
 * its data files (`.json`, `.ndjson`, `.jsonl`, `.xml`, `.csv`, maybe `.gz`; not recursive,
 * in name order), anything else a file, opened later.
 */
export async function expandInputs(args: readonly string[]): Promise<ExpandInputsResult> {
  if (args.length === 0) return { success: true, inputs: [{ name: STDIN_NAME }] }
  const inputs: InputSpec[] = []
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ name: STDIN_NAME })
      continue
    }
    const isDirectory = await stat(arg).then(
      (stats) => stats.isDirectory(),
      () => false,
    )
    if (!isDirectory) {
      inputs.push({ name: arg, path: arg })
      continue
    }
    try {
      const entries = await readdir(arg, { withFileTypes: true })
      const files = entries
        .filter((entry) => entry.isFile() && isInputFileName(entry.name))
        .map((entry) => entry.name)
        .sort()
      if (files.length === 0) {
        return {
          success: false,
          name: arg,
          problem: 'the directory has no .json, .ndjson, .jsonl, .xml or .csv files',
        }
      }
      for (const file of files) inputs.push({ name: join(arg, file), path: join(arg, file) })
    } catch (error) {
      return { success: false, name: arg, problem: describeIoError(error) }
    }
  }
  return { success: true, inputs }
}
