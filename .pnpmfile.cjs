// pnpm hooks for this workspace.
//
// beforePacking: the `@evnorm/source` export condition serves the TypeScript sources to the
// workspace's own tools (vitest, tsx, tsc with customConditions). Published packages must not
// carry it: a consumer setting a condition of that name would load `.ts` files Node cannot run
// from node_modules. `pnpm pack` and `pnpm publish` drop it; `dist` serves everyone else.

/** Removes the `@evnorm/source` key from every conditions object in an exports map. */
function withoutSourceCondition(target) {
  if (target === null || typeof target !== 'object') return target
  if (Array.isArray(target)) return target.map(withoutSourceCondition)
  const result = {}
  for (const [key, value] of Object.entries(target)) {
    if (key !== '@evnorm/source') result[key] = withoutSourceCondition(value)
  }
  return result
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports)
      return pkg
    },
  },
}
