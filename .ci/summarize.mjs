// Prints "N passed, N failed" summed over vitest JSON reports (and reports of the same shape, such
// as scripts/consumer-check.mjs's); each missing or unreadable report counts as one failure.
import { readFileSync } from 'node:fs'

let passed = 0
let failed = 0
for (const path of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests + (!report.success && report.numFailedTests === 0 ? 1 : 0)
  } catch (error) {
    console.error(`no test report ${path}: ${error.message}`)
    failed++
  }
}
console.log(`${passed} passed, ${failed} failed`)
