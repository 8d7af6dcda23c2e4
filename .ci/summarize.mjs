// Prints "N passed, N failed" from vitest's JSON report; a missing report counts as one failure.
import { readFileSync } from 'node:fs'

let passed = 0
let failed = 1
try {
  const report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
  passed = report.numPassedTests
  failed = report.numFailedTests + (!report.success && report.numFailedTests === 0 ? 1 : 0)
} catch (error) {
  console.error(`no test report: ${error.message}`)
}
console.log(`${passed} passed, ${failed} failed`)
