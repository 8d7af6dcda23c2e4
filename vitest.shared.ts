import { defineConfig } from 'vitest/config'

const conditions = ['@evnorm/source', 'import', 'module', 'node', 'default']

/**
 * Node loads external packages without an explicit `import` condition: vitest passes the SSR
 * conditions to Node as `--conditions`, and with `import` among them `pg`'s
 * `require('pg-pool')` would get pg-pool's ES module build and fail.
 */
const ssrConditions = conditions.filter((condition) => condition !== 'import')

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ['@evnorm/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
