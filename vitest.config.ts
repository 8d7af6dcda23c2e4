import { defineConfig } from 'vitest/config'

/** With CI set, vitest also writes a JSON report for .ci/summarize.mjs (one per run in .ci/run). */
const report = process.env.EVNORM_TEST_REPORT ?? '.ci/results.json'

export default defineConfig({
  test: {
    projects: ['packages/*'],
    reporters: process.env.CI ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
})
