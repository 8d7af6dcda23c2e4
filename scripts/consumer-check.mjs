// A consumer outside the workspace: packs every package with pnpm (as it would be published), installs
// the tarballs with plain npm into a temporary project, then loads every export of every package
// with `require()` and with `import` under each Node binary given (default: this one).
//
//   node scripts/consumer-check.mjs [--report file.json] [node-binary ...]
//
// Run after `pnpm build`. Prints one line per check and, with --report, writes the counts in the
// shape of vitest's JSON report so .ci/summarize.mjs can add them up.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({
  options: { report: { type: 'string' } },
  allowPositionals: true,
})
const nodes = positionals.length > 0 ? positionals.map((node) => resolve(node)) : [process.execPath]
const root = resolve(import.meta.dirname, '..')
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const packageDirs = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name))
const manifests = packageDirs.map((dir) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
)

const work = mkdtempSync(join(tmpdir(), 'evnorm-consumer-'))
const tarballs = join(work, 'tarballs')
const project = join(work, 'project')
mkdirSync(project)
let passed = 0
let failed = 0
try {
  for (const dir of packageDirs) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: dir,
      stdio: 'ignore',
    })
  }
  const tarball = ({ name, version }) => `${name.slice(1).replace('/', '-')}-${version}.tgz`
  const dependencies = Object.fromEntries(
    manifests.map((manifest) => [manifest.name, `file:../tarballs/${tarball(manifest)}`]),
  )
  // The `testing` entries import the optional peers vitest and fast-check: a consumer of those
  // entries has them, so this one does too, at the workspace's versions.
  for (const peer of ['vitest', 'fast-check'])
    dependencies[peer] = rootManifest.devDependencies[peer]
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies }, null, 2),
  )
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    stdio: 'inherit',
  })
  const specifiers = manifests.flatMap((manifest) =>
    Object.keys(manifest.exports)
      .filter((key) => !key.endsWith('.json'))
      .map((key) => manifest.name + key.slice(1)),
  )
  const programs = {
    require: (specifier) =>
      `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports')`,
    import: (specifier) =>
      `const m = await import(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports')`,
  }
  const check = (ok, line, detail) => {
    if (ok) passed++
    else failed++
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`)
    if (!ok) console.log(detail)
  }
  for (const node of nodes) {
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
    const bin = spawnSync(
      node,
      [join(project, 'node_modules/@evnorm/cli/dist/bin.js'), 'sources'],
      {
        encoding: 'utf8',
      },
    )
    check(bin.status === 0, `node ${version} evnorm sources (the installed bin)`, bin.stderr)
    for (const specifier of specifiers) {
      for (const [kind, program] of Object.entries(programs)) {
        const type = kind === 'require' ? 'commonjs' : 'module'
        const result = spawnSync(node, ['--input-type', type, '-e', program(specifier)], {
          cwd: project,
          encoding: 'utf8',
        })
        const ok = result.status === 0 && result.stderr === ''
        check(ok, `node ${version} ${kind} ${specifier}`, result.stderr.trim())
      }
    }
  }
} catch (error) {
  failed++
  console.error(error.message)
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`consumer check: ${passed} passed, ${failed} failed`)
if (values.report !== undefined) {
  const report = { numPassedTests: passed, numFailedTests: failed, success: failed === 0 }
  writeFileSync(values.report, JSON.stringify(report))
}
process.exitCode = failed === 0 ? 0 : 1
