// Lints the package in the current directory as it would be published: packs it with pnpm (so the
// workspace's beforePacking hook applies), then runs publint and attw on the tarball. attw's node16
// profile checks `require` (node16-cjs) as well as `import`; its `cjs-resolves-to-esm` rule is
// ignored because Node >= 20.19 can `require()` an ES module and attw's bundled TypeScript (5.6)
// predates that (TypeScript 5.8+ accepts it under `module: nodenext`). The real CommonJS consumer
// run is scripts/consumer-check.mjs.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'evnorm-pack-'))
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' })
try {
  execFileSync('pnpm', ['pack', '--pack-destination', dir], { stdio: 'ignore' })
  const [tarball] = readdirSync(dir)
  if (tarball === undefined) throw new Error('pnpm pack wrote no tarball')
  const path = join(dir, tarball)
  run('publint', ['run', path, '--strict'])
  run('attw', [path, '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm'])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
