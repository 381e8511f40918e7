import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { CofferError } from '../contract/index.js';

/** Written by the build (vite.config.ts): the SHA-256 of every file it emitted. */
export const ASSET_LIST = 'coffer-assets.json';
const VITE_MANIFEST = '.vite/manifest.json';

const AssetList = z.strictObject({
  format: z.literal('coffer-ui-assets/1'),
  initialJsGzipBytes: z.number().int().nonnegative(),
  files: z.record(z.string().regex(/^\/[A-Za-z0-9._/-]+$/), z.string().regex(/^[0-9a-f]{64}$/)),
});

const ViteManifest = z.record(z.string(), z.looseObject({ file: z.string(), css: z.array(z.string()).optional(), assets: z.array(z.string()).optional(), imports: z.array(z.string()).optional() }));

export interface UiAsset {
  body: Buffer;
  contentType: string;
  sha256: string;
}

export interface UiBundle {
  /** URL path → file, only the files the build listed; the manifests themselves are not served. */
  files: ReadonlyMap<string, UiAsset>;
  initialJsGzipBytes: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function contentTypeOf(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : CONTENT_TYPES[path.slice(dot)];
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto's global digest: the shell may import neither node:crypto nor src/crypto (layer rules).
  return Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes))).toString('hex');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => `/${relative(dir, join(dir, name)).split(sep).join('/')}`);
}

/**
 * Reads the built UI into memory after checking it: every file's SHA-256 against the build's list, no
 * file beyond the list, and every file Vite's manifest names present in it. Whatever fails stops the app
 * with DESKTOP_UI_TAMPERED naming the file; nothing is served from disk afterwards.
 */
export async function loadUiBundle(dir: string): Promise<UiBundle> {
  let listText: string;
  try {
    listText = readFileSync(join(dir, ASSET_LIST), 'utf8');
  } catch (cause) {
    throw new CofferError('DESKTOP_UI_MISSING', `expected the built UI in ${dir}, found no ${ASSET_LIST}: run npm run build:ui`, { cause });
  }
  const parsed = AssetList.safeParse(JSON.parse(listText));
  if (!parsed.success) throw new CofferError('DESKTOP_UI_TAMPERED', `${ASSET_LIST} is not a coffer-ui-assets/1 list`);
  const listed = parsed.data.files;

  // Ensure no file was added beside the build's own.
  const extra = listFiles(dir).filter((path) => path !== `/${ASSET_LIST}` && listed[path] === undefined);
  if (extra.length > 0) throw new CofferError('DESKTOP_UI_TAMPERED', `expected only the built files in ${dir}, found ${extra.join(', ')}`);

  const files = new Map<string, UiAsset>();
  for (const [path, expected] of Object.entries(listed)) {
    let body: Buffer;
    try {
      body = readFileSync(join(dir, ...path.split('/')));
    } catch (cause) {
      throw new CofferError('DESKTOP_UI_TAMPERED', `expected ${path} in ${dir}, found none`, { cause });
    }
    // Ensure each file is byte for byte what the build wrote.
    const actual = await sha256Hex(body);
    if (actual !== expected) throw new CofferError('DESKTOP_UI_TAMPERED', `expected ${path} with SHA-256 ${expected}, found ${actual}`);
    if (path === `/${VITE_MANIFEST}`) continue;
    const contentType = contentTypeOf(path);
    if (contentType === undefined) throw new CofferError('DESKTOP_UI_TAMPERED', `expected only html, js, css, woff2, svg or png files, found ${path}`);
    files.set(path, { body, contentType, sha256: actual });
  }

  // Ensure Vite's manifest and the list agree: every chunk, stylesheet and asset Vite built is listed.
  const manifest = ViteManifest.parse(JSON.parse(readFileSync(join(dir, VITE_MANIFEST), 'utf8')));
  for (const entry of Object.values(manifest)) {
    for (const file of [entry.file, ...(entry.css ?? []), ...(entry.assets ?? [])]) {
      if (!files.has(`/${file}`)) throw new CofferError('DESKTOP_UI_TAMPERED', `expected ${file} of Vite's manifest in ${ASSET_LIST}, found it missing`);
    }
  }
  if (!files.has('/index.html')) throw new CofferError('DESKTOP_UI_TAMPERED', 'expected /index.html in the built UI, found none');
  return { files, initialJsGzipBytes: parsed.data.initialJsGzipBytes };
}
