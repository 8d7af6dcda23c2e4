import type { Vocabulary, VocabularyEntry } from '@evnorm/core'
import { ALTCRAFT_VERBS } from './altcraft-verbs.js'

/**
 * A feed's vocabulary: its verbs, in its order, with its own descriptions, each mapped as
 * {@link ALTCRAFT_VERBS} maps it. Throws on a verb {@link ALTCRAFT_VERBS} does not know
 * (programmer misuse: add the verb there first).
 */
export function altcraftVocabulary(
  verbs: readonly (readonly [verb: string, description: string])[],
): Vocabulary {
  return Object.freeze(
    verbs.map(([verb, description]): VocabularyEntry => {
      const mapping = Object.hasOwn(ALTCRAFT_VERBS, verb) ? ALTCRAFT_VERBS[verb] : undefined
      if (mapping === undefined) throw new Error(`'${verb}' is not an Altcraft verb evnorm knows`)
      return Object.freeze({ verb, ...mapping, description })
    }),
  )
}
