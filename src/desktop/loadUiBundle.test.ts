import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir.js';
import { ASSET_LIST, loadUiBundle } from './loadUiBundle.js';

const FILES: Record<string, string> = {
  '/index.html': '<!doctype html><script type="module" src="/assets/index-a1.js"></script>',
  '/assets/index-a1.js': 'console.log(1)',
  '/assets/index-b2.css': 'body{}',
  '/.vite/manifest.json': JSON.stringify({ 'index.html': { file: 'assets/index-a1.js', css: ['assets/index-b2.css'] } }),
};

async function sha256Hex(text: string): Promise<string> {
  return Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
}

/** A built UI as vite.config.ts writes it: the files and the list of their SHA-256. */
async function writeBundle(dir: string, files = FILES): Promise<void> {
  const hashes: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    hashes[path] = await sha256Hex(text);
  }
  writeFileSync(join(dir, ASSET_LIST), JSON.stringify({ format: 'coffer-ui-assets/1', initialJsGzipBytes: 10, files: hashes }));
}

describe('loadUiBundle', () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await writeBundle(dir);
  });

  it('serves the listed files from memory with their content types, and not the manifests', async () => {
    const bundle = await loadUiBundle(dir);
    expect([...bundle.files.keys()].sort()).toEqual(['/assets/index-a1.js', '/assets/index-b2.css', '/index.html']);
    expect(bundle.files.get('/assets/index-a1.js')?.contentType).toBe('text/javascript; charset=utf-8');
  });

  describe('when a built file was changed after the build', () => {
    it('refuses to start with DESKTOP_UI_TAMPERED naming the file', async () => {
      writeFileSync(join(dir, 'assets', 'index-a1.js'), 'fetch("https://evil.example/")');
      await expect(loadUiBundle(dir)).toThrowCode('DESKTOP_UI_TAMPERED');
      await expect(loadUiBundle(dir)).rejects.toThrow(/expected \/assets\/index-a1\.js with SHA-256/);
    });
  });

  describe('when a file was added beside the build', () => {
    it('refuses it, even though nothing links to it', async () => {
      writeFileSync(join(dir, 'assets', 'extra.js'), 'alert(1)');
      await expect(loadUiBundle(dir)).rejects.toThrow(/found \/assets\/extra\.js/);
    });
  });

  describe('when a listed file is missing', () => {
    it('refuses with DESKTOP_UI_TAMPERED', async () => {
      const { '/assets/index-b2.css': _css, ...rest } = FILES;
      const other = tempDir();
      await writeBundle(other, rest);
      writeFileSync(join(other, '.vite', 'manifest.json'), FILES['/.vite/manifest.json'] ?? '');
      await expect(loadUiBundle(other)).toThrowCode('DESKTOP_UI_TAMPERED');
    });
  });

  describe('when there is no build at all', () => {
    it('says to build it, with DESKTOP_UI_MISSING', async () => {
      await expect(loadUiBundle(tempDir())).toThrowCode('DESKTOP_UI_MISSING');
    });
  });
});
