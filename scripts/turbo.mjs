// Runs the workspace's turbo with its anonymous telemetry off. turbo has no repository setting for
// telemetry (only an environment variable or a per-user `turbo telemetry disable`), so the root
// scripts go through here; this also keeps turbo's first-run telemetry notice off every output.
import { spawnSync } from 'node:child_process'

const result = spawnSync('turbo', process.argv.slice(2), {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
})
process.exitCode = result.status ?? 1
