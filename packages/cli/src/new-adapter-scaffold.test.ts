import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const scratch = join(root, `.scaffold-tmp-${process.pid}`)
const bin = (name: string) => join(root, 'node_modules', '.bin', name)

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '' },
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('pnpm new-adapter', () => {
  it('scaffolds a package that typechecks, builds and passes the conformance kit', () => {
    mkdirSync(scratch, { recursive: true })
    const made = run(
      process.execPath,
      ['scripts/new-adapter.mjs', 'acme-events', '--into', scratch],
      root,
    )
    expect(made.status, made.output).toBe(0)
    const pkg = join(scratch, 'acme-events')
    mkdirSync(join(pkg, 'node_modules', '@evnorm'), { recursive: true })
    symlinkSync(join(root, 'packages', 'core'), join(pkg, 'node_modules', '@evnorm', 'core'))
    for (const [command, args] of [
      [bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
      [bin('tsc'), ['-p', 'tsconfig.build.json']],
      [bin('vitest'), ['run']],
    ] as const) {
      const step = run(command, args, pkg)
      expect(step.status, `${command} ${args.join(' ')}\n${step.output}`).toBe(0)
    }
  })

  it('refuses a name that is not <vendor>-<surface> in kebab case', () => {
    const refused = run(process.execPath, ['scripts/new-adapter.mjs', 'Acme'], root)
    expect(refused.status).toBe(2)
    expect(refused.output).toContain('usage: pnpm new-adapter')
  })
})
