import { defineConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

/**
 * The shared config, except that Node loads external packages without the `import` condition:
 * vitest passes the SSR conditions to Node as `--conditions`, and with `import` among them
 * `pg`'s `require('pg-pool')` would get pg-pool's ES module build and fail.
 */
export default defineConfig({
  ...shared,
  ssr: {
    ...shared.ssr,
    resolve: {
      ...shared.ssr?.resolve,
      conditions: (shared.ssr?.resolve?.conditions ?? []).filter(
        (condition) => condition !== 'import',
      ),
    },
  },
})
