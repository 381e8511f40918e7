/**
 * Licences any installed package (production or development) may carry: permissive, no copyleft, no
 * conditions beyond keeping a notice. Chosen from what is installed; anything else needs an exception.
 */
export const ALLOWED_LICENCES: ReadonlySet<string> = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Python-2.0',
]);

/** A package allowed by name: the licence the checker reports for it, and why that is acceptable. */
export interface LicenceException {
  licence: string;
  /** Must stay a development dependency: the exception does not cover shipping it. */
  devOnly: boolean;
  reason: string;
}

const BEVRY = 'secretlint detects binary files with it; Artistic-2.0 allows use and unmodified redistribution; a dev tool, never shipped';
const AXE =
  'the accessibility checker of the end-to-end tests; MPL-2.0 is file-level copyleft and we neither modify nor ship its files';
const LIGHTNINGCSS =
  "Vite's CSS minifier, run at build time; MPL-2.0 covers its own files, not the CSS it writes, and none of its files is shipped";
const SPDX_DATA = 'a list of SPDX identifiers the licence checker itself reads; CC-BY-3.0 asks for attribution only; a dev tool, never shipped';

/** Each exception names one package; a different licence for it, or its use in production, fails the scan. */
export const LICENCE_EXCEPTIONS: Readonly<Record<string, LicenceException>> = {
  // package.json says "MIT or MPL-2.0" (lower-case "or" is not SPDX), so the checker guesses MIT from
  // LICENSE; the package ships LICENSE.MIT and we use it under MIT.
  ibantools: { licence: 'MIT*', devOnly: false, reason: 'dual MIT / MPL-2.0 written as non-SPDX text; used under MIT' },
  istextorbinary: { licence: 'Artistic-2.0', devOnly: true, reason: BEVRY },
  binaryextensions: { licence: 'Artistic-2.0', devOnly: true, reason: BEVRY },
  textextensions: { licence: 'Artistic-2.0', devOnly: true, reason: BEVRY },
  editions: { licence: 'Artistic-2.0', devOnly: true, reason: BEVRY },
  'version-range': { licence: 'Artistic-2.0', devOnly: true, reason: BEVRY },
  '@azu/style-format': { licence: 'WTFPL', devOnly: true, reason: "secretlint's output formatter; WTFPL sets no conditions; a dev tool, never shipped" },
  'spdx-exceptions': { licence: 'CC-BY-3.0', devOnly: true, reason: SPDX_DATA },
  'spdx-ranges': { licence: '(MIT AND CC-BY-3.0)', devOnly: true, reason: SPDX_DATA },
  'axe-core': { licence: 'MPL-2.0', devOnly: true, reason: AXE },
  '@axe-core/playwright': { licence: 'MPL-2.0', devOnly: true, reason: AXE },
  lightningcss: { licence: 'MPL-2.0', devOnly: true, reason: LIGHTNINGCSS },
  // lightningcss installs the binary package of the machine; CI's is linux-x64-gnu.
  'lightningcss-linux-x64-gnu': { licence: 'MPL-2.0', devOnly: true, reason: LIGHTNINGCSS },
  // The font's files are part of the shipped UI bundle, so this one is not dev-only.
  '@fontsource-variable/inter': {
    licence: 'OFL-1.1',
    devOnly: false,
    reason:
      'the UI typeface; OFL-1.1 allows bundling it with software, unmodified, with its licence; it forbids only selling the font by itself and reusing its reserved name for a modified font',
  },
};
