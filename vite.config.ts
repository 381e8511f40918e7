import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('./src/ui/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/ui/', import.meta.url));

/** The list the desktop shell checks every served file against (src/desktop/loadUiBundle.ts). */
export const ASSET_LIST = 'coffer-assets.json';
export const ASSET_LIST_FORMAT = 'coffer-ui-assets/1';
/** Budget of the JavaScript a window loads before its first screen (issue 11), gzipped. */
const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

/** The entry chunks and everything they import statically: what runs before the first screen. */
function initialChunks(bundle: Rolldown.OutputBundle): Rolldown.OutputChunk[] {
  const chunks = Object.values(bundle).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: Rolldown.OutputChunk | undefined): void => {
    if (chunk === undefined || seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    chunk.imports.forEach((name) => visit(byName.get(name)));
  };
  chunks.filter((chunk) => chunk.isEntry).forEach(visit);
  return chunks.filter((chunk) => seen.has(chunk.fileName));
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto's global digest: the build has no business importing node:crypto (only src/crypto/ does).
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Buffer.from(digest).toString('hex');
}

/** Writes the SHA-256 of every emitted file, so the shell serves nothing it was not built with. */
function assetList(): Plugin {
  return {
    name: 'coffer-asset-list',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const files: Record<string, string> = {};
      for (const fileName of [...Object.keys(bundle), '.vite/manifest.json'].sort()) {
        const bytes = await readFile(join(outDir, fileName));
        files[`/${relative(outDir, join(outDir, fileName)).split('\\').join('/')}`] = await sha256Hex(bytes);
      }
      const initialJsGzipBytes = initialChunks(bundle).reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).length, 0);
      // Ensure the first screen stays light: a build over budget fails instead of shipping.
      if (initialJsGzipBytes > INITIAL_JS_BUDGET_BYTES) {
        this.error(`initial JavaScript is ${initialJsGzipBytes} bytes gzipped, expected at most ${INITIAL_JS_BUDGET_BYTES}`);
      }
      this.info(`initial JavaScript: ${(initialJsGzipBytes / 1024).toFixed(1)} KiB gzipped`);
      const list = { format: ASSET_LIST_FORMAT, initialJsGzipBytes, files };
      await writeFile(join(outDir, ASSET_LIST), `${JSON.stringify(list, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), tailwindcss(), assetList()],
  // No dev server is ever used: the shell serves the built files from memory.
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    // Every asset is a file of its own: no data: URLs, so the CSP can stay 'self'.
    assetsInlineLimit: 0,
    // The polyfill fetches modules, which connect-src 'none' forbids; Chromium has modulepreload anyway.
    modulePreload: { polyfill: false },
    target: 'chrome120',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
  },
});
