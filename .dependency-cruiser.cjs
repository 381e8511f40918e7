/**
 * Layers of DESIGN.md: each layer may import only the layers listed for it.
 * A lower layer importing a higher one, or any cycle, fails `make test`.
 */
const layers = {
  crypto: [],
  contract: [],
  api: ['contract', 'domain'],
  domain: ['crypto', 'contract'],
  audit: ['crypto', 'contract'],
  policy: ['domain', 'crypto', 'contract'],
  vault: ['audit', 'crypto', 'contract'],
  app: ['api', 'protocol', 'vault', 'policy', 'domain', 'audit', 'crypto', 'contract'],
  protocol: ['crypto', 'contract'],
  server: ['api', 'protocol', 'domain', 'audit', 'policy', 'crypto', 'contract'],
  desktop: ['app', 'api', 'contract'],
  ui: ['api', 'contract', 'domain'],
  cli: ['app', 'api', 'server', 'desktop', 'contract'],
};

/** Single files a layer may import beyond its list: the one error class every layer throws. */
const exceptions = {
  crypto: ['^src/contract/errors\\.ts$'],
};

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only: ${allowed.join(', ') || 'nothing of ours'}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: {
    path: '^src/([^/]+)/',
    pathNot: [`^src/${layer}/`, ...allowed.map((name) => `^src/${name}/`), ...(exceptions[layer] ?? [])],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide layering mistakes.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'node-crypto-only-in-crypto',
      severity: 'error',
      comment: 'Crypto primitives come from node:crypto, used in src/crypto/ only.',
      from: { pathNot: '^src/crypto/' },
      to: { path: '^crypto$', dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-safe-api',
      severity: 'error',
      comment: 'The app API and the UI run in the renderer too: they must never reach crypto, the vault or the app, even through the domain.',
      from: { path: '^src/(api|ui)/' },
      to: { path: '^src/(crypto|vault|app|audit|policy|server|desktop|cli)/', reachable: true },
    },
    {
      name: 'renderer-safe-api-no-node',
      severity: 'error',
      comment: 'Nothing the renderer loads may import a node built-in module.',
      from: { path: '^src/(api|ui)/|^src/domain/values\\.ts$' },
      // Core modules resolve to their bare names (fs, node:fs); reachable rules take paths only.
      to: { path: '^(node:)?(fs|path|os|crypto|child_process|worker_threads|url|stream|zlib|net|http|https|tls|util|events|buffer|process|perf_hooks)$', reachable: true },
    },
    {
      name: 'gateway-never-reaches-vault-or-app',
      severity: 'error',
      comment: 'The bank gateway is a separate deployable that shares only pure code: nothing it loads may reach the vault, the app, the desktop or the CLI, even through another layer.',
      from: { path: '^src/server/' },
      to: { path: '^src/(vault|app|desktop|cli|ui)/', reachable: true },
    },
    {
      name: 'ui-has-no-node',
      severity: 'error',
      comment: 'The renderer never runs Node code.',
      from: { path: '^src/ui/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
