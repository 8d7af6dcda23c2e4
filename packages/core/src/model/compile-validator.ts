import type { z } from 'zod'

interface Def {
  readonly type: string
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[]
  readonly check?: string
  readonly [key: string]: unknown
}

interface CheckDef {
  readonly check: string
  readonly [key: string]: unknown
}

const MAX_COMPARED_VALUES = 6

class Generator {
  readonly constants: unknown[] = []
  #variables = 0

  variable(): string {
    return `v${this.#variables++}`
  }

  constant(value: unknown): string {
    this.constants.push(value)
    return `c[${this.constants.length - 1}]`
  }

  check(schema: z.ZodType, value: string): string {
    const def = schema._zod.def as unknown as Def
    const checks = [
      ...(def.check ? [def as unknown as CheckDef] : []),
      ...(def.checks ?? []).map((check) => check._zod.def),
    ]
    switch (def.type) {
      case 'optional':
        return `if (${value} !== undefined) {\n${this.check(def.innerType as z.ZodType, value)}\n}`
      case 'unknown':
        return ''
      case 'boolean':
        return `if (typeof ${value} !== 'boolean') return false;`
      case 'string':
        return `if (typeof ${value} !== 'string') return false;\n${checks.map((check) => this.#stringCheck(check, value)).join('\n')}`
      case 'number':
        return `if (typeof ${value} !== 'number' || !Number.isFinite(${value})) return false;\n${checks.map((check) => this.#numberCheck(check, value)).join('\n')}`
      case 'literal':
        return this.#oneOf(def.values as unknown[], value)
      case 'enum':
        return this.#oneOf(Object.values(def.entries as object), value)
      case 'array':
        return this.#array(def, value)
      case 'record':
        return this.#record(def, value)
      case 'object':
        return this.#object(def, value)
      default:
        throw new TypeError(`compileValidator: unsupported schema type '${def.type}'`)
    }
  }

  /** A few string values are compared directly (faster than a Set lookup); others use a Set. */
  #oneOf(values: readonly unknown[], value: string): string {
    if (values.length > MAX_COMPARED_VALUES || !values.every((item) => typeof item === 'string')) {
      return `if (!${this.constant(new Set(values))}.has(${value})) return false;`
    }
    return `if (${values.map((item) => `${value} !== ${JSON.stringify(item)}`).join(' && ')}) return false;`
  }

  #stringCheck(check: CheckDef, value: string): string {
    if (check.check === 'min_length')
      return `if (${value}.length < ${Number(check.minimum)}) return false;`
    if (check.check === 'string_format' && check.pattern instanceof RegExp) {
      const pattern = this.constant(
        new RegExp(check.pattern.source, check.pattern.flags.replace('g', '')),
      )
      return `if (!${pattern}.test(${value})) return false;`
    }
    throw new TypeError(`compileValidator: unsupported string check '${check.check}'`)
  }

  #numberCheck(check: CheckDef, value: string): string {
    const bound = Number(check.value)
    if (check.check === 'number_format' && check.format === 'safeint') {
      return `if (!Number.isSafeInteger(${value})) return false;`
    }
    if (check.check === 'greater_than')
      return `if (${value} ${check.inclusive ? '<' : '<='} ${bound}) return false;`
    if (check.check === 'less_than')
      return `if (${value} ${check.inclusive ? '>' : '>='} ${bound}) return false;`
    throw new TypeError(`compileValidator: unsupported number check '${check.check}'`)
  }

  #noChecks(def: Def): void {
    if ((def.checks ?? []).length > 0) {
      throw new TypeError(`compileValidator: checks on '${def.type}' are not supported`)
    }
  }

  #array(def: Def, value: string): string {
    this.#noChecks(def)
    const index = this.variable()
    const item = this.variable()
    return `if (!Array.isArray(${value})) return false;
for (let ${index} = 0; ${index} < ${value}.length; ${index}++) {
const ${item} = ${value}[${index}];
${this.check(def.element as z.ZodType, item)}
}`
  }

  #record(def: Def, value: string): string {
    this.#noChecks(def)
    const keyDef = (def.keyType as z.ZodType)._zod.def as unknown as Def
    if (keyDef.type !== 'string' || (keyDef.checks ?? []).length > 0) {
      throw new TypeError('compileValidator: only z.record(z.string(), …) is supported')
    }
    const objectCheck = `if (typeof ${value} !== 'object' || ${value} === null || Array.isArray(${value})) return false;`
    const key = this.variable()
    const item = this.variable()
    const valueCheck = this.check(def.valueType as z.ZodType, item)
    if (valueCheck === '') return objectCheck
    return `${objectCheck}\nfor (const ${key} in ${value}) {\nconst ${item} = ${value}[${key}];\n${valueCheck}\n}`
  }

  #object(def: Def, value: string): string {
    this.#noChecks(def)
    const shape = def.shape as Record<string, z.ZodType>
    const catchall = (def.catchall as z.ZodType | undefined)?._zod.def.type
    if (catchall !== undefined && catchall !== 'never') {
      throw new TypeError(`compileValidator: object catchall '${catchall}' is not supported`)
    }
    const lines = [
      `if (typeof ${value} !== 'object' || ${value} === null || Array.isArray(${value})) return false;`,
    ]
    const strict = catchall === 'never'
    const defined = this.variable()
    if (strict) lines.push(`let ${defined} = 0;`)
    for (const [key, member] of Object.entries(shape)) {
      const variable = this.variable()
      const count = strict ? `if (${variable} !== undefined) ${defined}++;\n` : ''
      lines.push(
        `{\nconst ${variable} = ${value}[${JSON.stringify(key)}];\n${count}${this.check(member, variable)}\n}`,
      )
    }
    if (strict) {
      const key = this.variable()
      const enumerated = this.variable()
      const known = this.constant(new Set(Object.keys(shape)))
      lines.push(
        `let ${enumerated} = 0;\nfor (const ${key} in ${value}) ${enumerated}++;`,
        `if (${enumerated} !== ${defined}) for (const ${key} in ${value}) if (!${known}.has(${key})) return false;`,
      )
    }
    return lines.join('\n')
  }
}

/**
 * Compiles a zod schema into a fast yes/no validator that accepts exactly what the schema's
 * `safeParse` accepts. It covers the schema kinds the canonical event uses (strict objects,
 * strings with length and pattern checks, numbers with integer and range checks, literals,
 * enums, arrays, string-keyed records, optional, unknown) and throws a TypeError on anything
 * else, so a schema change cannot silently weaken validation. A strict object whose
 * enumerable keys are as many as its known keys with a value has no unknown key, so the key
 * check only runs when the counts differ; that holds for plain data objects (every property
 * enumerable), which is what events are. Patterns run as regular expressions: V8's compiled
 * ones beat character-code loops here (measured).
 */
export function compileValidator(schema: z.ZodType): (value: unknown) => boolean {
  const generator = new Generator()
  const body = `${generator.check(schema, 'input')}\nreturn true;`
  const factory = new Function('c', `return function validate(input) {\n${body}\n}`)
  return factory(generator.constants) as (value: unknown) => boolean
}
