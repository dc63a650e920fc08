import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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

/** Receipt font (SIL OFL 1.1) from the npm package, and its licence kept in the repo (assets/fonts/). */
const FONT_SOURCE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json')),
  '400Regular',
  'NotoSansSC_400Regular.ttf',
);
const FONT_LICENCE = fileURLToPath(new URL('./assets/fonts/NotoSansSC-OFL.txt', import.meta.url));
/** Must equal RECEIPT_FONT_PATH in src/renderer/features/receipt-pdf/receipt-font.ts. */
const FONT_OUT = 'assets/fonts/NotoSansSC-Regular.ttf';
const LICENCE_OUT = 'assets/fonts/NotoSansSC-OFL.txt';

/**
 * Ships the CJK font the receipt PDF embeds (a subset per receipt) with the
 * app, next to its licence. Copied from node_modules at every build, never by
 * hand, so a build is reproducible from package-lock.json. Emitted at
 * buildStart so it is in the bundle the service worker precaches: a station
 * offline since its last update can still print. The dev server serves the
 * same two files from their sources.
 */
function receiptFont(): Plugin {
  let command: 'build' | 'serve' = 'build';
  return {
    name: 'shebao-receipt-font',
    configResolved(config) {
      command = config.command;
    },
    buildStart() {
      if (command !== 'build') return;
      this.emitFile({ type: 'asset', fileName: FONT_OUT, source: readFileSync(FONT_SOURCE) });
      this.emitFile({ type: 'asset', fileName: LICENCE_OUT, source: readFileSync(FONT_LICENCE, 'utf8') });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        const file = url.endsWith(FONT_OUT) ? FONT_SOURCE : url.endsWith(LICENCE_OUT) ? FONT_LICENCE : null;
        if (file === null) {
          next();
          return;
        }
        res.setHeader('content-type', file === FONT_SOURCE ? 'font/ttf' : 'text/plain; charset=utf-8');
        res.end(readFileSync(file));
      });
    },
  };
}

export default defineConfig({
  // Relative base: the same build is served over http by the sync server and
  // from app:// inside Electron.
  base: './',
  plugins: [react(), receiptFont(), serviceWorker()],
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
            // The receipt PDF engine (about 1 MB) is loaded only when a receipt is printed.
            { name: 'pdf', test: /[\\/]node_modules[\\/](pdf-lib|@pdf-lib|pako)[\\/]/, priority: 25 },
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
