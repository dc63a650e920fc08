import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const swSource = fileURLToPath(new URL('./src/renderer/sw/sw.js', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Emits the service worker as its own file at the site root (scope '/'), with
 * the list of built files to precache written into it. Why a plugin and not
 * public/sw.js: the hashed asset names exist only after bundling, and the
 * worker must precache them so a station can reopen the app offline even if
 * it never visited every screen online. Never inlined (CSP script-src 'self').
 */
function serviceWorker(): Plugin {
  return {
    name: 'shebao-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const precache = ['./', './index.html', './regions/tree.json', ...files.map((f) => `./${f}`)];
      const version = `${pkg.version}-${String(Date.now())}`;
      const source = readFileSync(swSource, 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(precache))
        .replace('self.__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  // Relative base: the same build is served over http by the sync server and
  // from app:// inside Electron.
  base: './',
  plugins: [react(), serviceWorker()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: 'dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The modulepreload polyfill is tiny but would still be one more thing
    // to audit under CSP; every supported runtime (Chromium) has native support.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Split by how often each part changes: framework, UI kit, database.
        // An app update then re-downloads only the app chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'rxdb', test: /[\\/]node_modules[\\/](rxdb|rxjs|dexie|@noble|ulid|zod)[\\/]/, priority: 20 },
            { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|classnames|@emotion)[\\/]/, priority: 10 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
});
