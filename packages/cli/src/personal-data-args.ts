import type { ParseArgsConfig } from 'node:util'
import {
  createPrivacy,
  MIN_HASH_KEY_BYTES,
  PERSONAL_DATA_ACTIONS,
  PERSONAL_DATA_CLASSES,
  type PersonalDataAction,
  type PersonalDataClass,
  type PrivacyOptions,
} from '@evnorm/core'
import { type Sink, withPrivacy } from '@evnorm/core/sink'

/** `--personal CLASS=ACTION[,…]` (repeatable) and `--hash-key-env NAME`. */
export const PRIVACY_OPTIONS = {
  personal: { type: 'string', multiple: true },
  'hash-key-env': { type: 'string' },
} as const satisfies ParseArgsConfig['options']

/** What `--personal` and `--hash-key-env` asked for (the key itself is read when the command runs). */
export interface PrivacyArgs {
  /** The action per class, `all` included as given. */
  readonly actions: Readonly<Partial<Record<PersonalDataClass | 'all', PersonalDataAction>>>
  /** `--hash-key-env`: the environment variable holding the HMAC key. */
  readonly hashKeyEnv?: string
}

/** The checked privacy arguments (undefined when `--personal` was not given), or a usage problem. */
export function parsePrivacyArgs(values: {
  readonly personal?: readonly string[] | undefined
  readonly 'hash-key-env'?: string | undefined
}): { readonly privacy: PrivacyArgs | undefined } | { readonly problem: string } {
  const hashKeyEnv = values['hash-key-env']
  if (hashKeyEnv === '') return { problem: '--hash-key-env needs a variable name' }
  const given = values.personal ?? []
  if (given.length === 0) {
    return hashKeyEnv === undefined
      ? { privacy: undefined }
      : { problem: '--hash-key-env is for --personal CLASS=hash' }
  }
  const actions: Partial<Record<PersonalDataClass | 'all', PersonalDataAction>> = {}
  for (const entry of given.flatMap((text) => text.split(','))) {
    const [name = '', action = '', extra] = entry.trim().split('=')
    if (extra !== undefined || !isClass(name) || !isAction(action)) {
      return {
        problem: `--personal '${entry.trim()}': use CLASS=ACTION with CLASS all, ${PERSONAL_DATA_CLASSES.join(', ')} and ACTION keep, drop or hash`,
      }
    }
    if (actions[name] !== undefined) return { problem: `--personal names ${name} twice` }
    actions[name] = action
  }
  return { privacy: { actions, ...(hashKeyEnv === undefined ? {} : { hashKeyEnv }) } }
}

/**
 * The library's privacy options for `args`, with the key read from the environment variable
 * `--hash-key-env` names, or the problem (naming the variable, never its value).
 */
export function privacyOptions(
  args: PrivacyArgs | undefined,
  env: Readonly<Record<string, string | undefined>>,
):
  | { readonly success: true; readonly options: PrivacyOptions | undefined }
  | { readonly success: false; readonly problem: string } {
  if (args === undefined) return { success: true, options: undefined }
  if (!Object.values(args.actions).includes('hash')) {
    return { success: true, options: { actions: args.actions } }
  }
  if (args.hashKeyEnv === undefined) {
    return {
      success: false,
      problem:
        '--personal …=hash needs --hash-key-env NAME: the HMAC key comes from that environment variable, never from the command line',
    }
  }
  const key = env[args.hashKeyEnv]
  if (key === undefined || key === '') {
    return { success: false, problem: `--hash-key-env: the variable ${args.hashKeyEnv} is not set` }
  }
  if (Buffer.byteLength(key, 'utf8') < MIN_HASH_KEY_BYTES) {
    return {
      success: false,
      problem: `--hash-key-env: the key in ${args.hashKeyEnv} is shorter than ${MIN_HASH_KEY_BYTES} bytes`,
    }
  }
  return { success: true, options: { actions: args.actions, hashKey: key } }
}

/** `sink`, writing under the privacy policy when there is one. */
export function privateSink(sink: Sink, options: PrivacyOptions | undefined): Sink {
  return options === undefined ? sink : withPrivacy(sink, options)
}

/** The summary's `privacy` entry: the action of every class (nothing when privacy is off). */
export function privacySummary(options: PrivacyOptions | undefined): {
  readonly privacy?: Readonly<Record<PersonalDataClass, PersonalDataAction>>
} {
  if (options === undefined) return {}
  const { actions, active } = createPrivacy(options)
  return active ? { privacy: actions } : {}
}

/** The summary's line about personal data, or '' when privacy is off. */
export function privacyLine(options: PrivacyOptions | undefined): string {
  const { privacy } = privacySummary(options)
  if (privacy === undefined) return ''
  const by = (action: PersonalDataAction) =>
    PERSONAL_DATA_CLASSES.filter((personal) => privacy[personal] === action).join(', ')
  const parts = PERSONAL_DATA_ACTIONS.filter((action) => by(action) !== '').map(
    (action) => `${DONE[action]} ${by(action)}`,
  )
  const raw = privacy.raw === 'hash' ? 'hashed field by field' : DONE[privacy.raw]
  return `personal data: ${parts.join('; ')} (raw records of rejections ${raw})\n`
}

const DONE = { keep: 'kept', drop: 'dropped', hash: 'hashed' } as const

function isClass(name: string): name is PersonalDataClass | 'all' {
  return name === 'all' || (PERSONAL_DATA_CLASSES as readonly string[]).includes(name)
}

function isAction(action: string): action is PersonalDataAction {
  return (PERSONAL_DATA_ACTIONS as readonly string[]).includes(action)
}
