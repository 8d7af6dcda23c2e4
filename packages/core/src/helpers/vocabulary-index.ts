import type { Vocabulary, VocabularyEntry } from '../model/adapter.js'

/**
 * A lookup from vendor verb to its vocabulary entry. Safe for any string (`__proto__`,
 * `constructor`…): unknown verbs give undefined. Throws on a vocabulary that lists a verb twice.
 */
export function createVocabularyIndex(
  vocabulary: Vocabulary,
): (verb: string) => VocabularyEntry | undefined {
  const entries = new Map<string, VocabularyEntry>()
  for (const entry of vocabulary) {
    if (entries.has(entry.verb)) throw new TypeError(`vocabulary lists '${entry.verb}' twice`)
    entries.set(entry.verb, entry)
  }
  return (verb) => entries.get(verb)
}
