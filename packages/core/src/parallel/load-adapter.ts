import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AnyAdapter } from '../model/adapter.js'
import type { AdapterReference } from './parallel-protocol.js'

/** Imports the adapter a reference names; rejects with what is wrong when it is not one. */
export async function loadAdapter(reference: AdapterReference): Promise<AnyAdapter> {
  const url = isAbsolute(reference.module) ? pathToFileURL(reference.module).href : reference.module
  const module = (await import(url)) as Record<string, unknown>
  const adapter = module[reference.export] as Partial<AnyAdapter> | undefined
  if (
    typeof adapter !== 'object' ||
    adapter === null ||
    typeof adapter.normalize !== 'function' ||
    typeof adapter.feed !== 'string'
  ) {
    throw new TypeError(`${reference.module} has no adapter exported as ${reference.export}`)
  }
  return adapter as AnyAdapter
}
