/**
 * Import boundaries between runtimes (DESIGN.md §2). Do not relax these rules:
 * shared code runs in main, renderer and server alike, so it may import
 * nothing of ours but itself; main, renderer and server never import each
 * other (they talk over IPC or HTTP only).
 */
module.exports = {
  forbidden: [
    { name: 'shared-is-pure', severity: 'error', comment: 'src/shared imports only src/shared and npm packages',
      from: { path: '^src/shared' }, to: { path: '^src/(main|renderer|server)' } },
    { name: 'shared-no-node-builtins', severity: 'error', comment: 'src/shared has no I/O: no Node built-ins',
      from: { path: '^src/shared' }, to: { dependencyTypes: ['core'] } },
    { name: 'main-not-renderer-server', severity: 'error', from: { path: '^src/main' }, to: { path: '^src/(renderer|server)' } },
    { name: 'renderer-not-main-server', severity: 'error', from: { path: '^src/renderer' }, to: { path: '^src/(main|server)' } },
    { name: 'renderer-no-node-builtins', severity: 'error', from: { path: '^src/renderer' }, to: { dependencyTypes: ['core'] } },
    { name: 'server-not-main-renderer', severity: 'error', from: { path: '^src/server' }, to: { path: '^src/(main|renderer)' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'src-not-test', severity: 'error', from: { path: '^src' }, to: { path: '^test' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.renderer.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
