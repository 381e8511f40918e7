/**
 * Layers of DESIGN.md: each layer may import only the layers listed for it.
 * A lower layer importing a higher one, or any cycle, fails `make test`.
 */
const layers = {
  crypto: [],
  contract: [],
  domain: ['crypto', 'contract'],
  audit: ['crypto', 'contract'],
  policy: ['domain', 'crypto', 'contract'],
  vault: ['audit', 'crypto', 'contract'],
  app: ['vault', 'policy', 'domain', 'audit', 'crypto', 'contract'],
  server: ['domain', 'audit', 'policy', 'crypto', 'contract'],
  desktop: ['app', 'contract'],
  ui: ['contract'],
  cli: ['app', 'server', 'desktop', 'contract'],
};

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only: ${allowed.join(', ') || 'nothing of ours'}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: {
    path: '^src/([^/]+)/',
    pathNot: [`^src/${layer}/`, ...allowed.map((name) => `^src/${name}/`)],
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
