import { isValidNoteText } from './isValidNoteText.js';

// Unicode White_Space as Go's unicode.IsSpace sees it (JavaScript's \s lacks U+0085), so names that
// the reference implementation refuses are refused here too.
const SPACE_OR_PLUS = /[\s\u0085+]/u;

/** C2SP signed-note §Format: a key name is non-empty and contains no Unicode space and no "+". */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE_OR_PLUS.test(name) && isValidNoteText(name);
}
