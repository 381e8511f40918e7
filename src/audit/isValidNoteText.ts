// With the u flag a surrogate pair is one code point, so this matches only a lone surrogate: not UTF-8.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// C2SP signed-note §Format: no ASCII control characters other than newline anywhere in a note.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0009\u000B-\u001F]/u;

/** C2SP signed-note §Format: valid UTF-8 (no lone surrogate) without ASCII controls other than newline. */
export function isValidNoteText(text: string): boolean {
  return !LONE_SURROGATE.test(text) && !CONTROL_CHARACTER.test(text);
}
