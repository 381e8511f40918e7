import { CofferError } from '../../contract/index.js';

/** One field of an MT message: tag ("61", "60F"), value (lines joined with "\n"), first line. */
export interface SwiftField {
  tag: string;
  value: string;
  line: number;
}

export interface SwiftMessage {
  fields: SwiftField[];
  line: number;
}

/** Longest MT940 file read, in characters (a busy account's month is a few MB). */
export const MAX_MT940_LENGTH = 64 * 1024 * 1024;
const MAX_FIELD_LENGTH = 64 * 1024;
const FIELD = /^:([0-9]{2}[A-Z]?):(.*)$/;

/**
 * Splits MT940/MT942 text into messages and fields (SWIFT FIN block 4 syntax): a field starts with
 * ":tag:" at the start of a line, the lines after it until the next field belong to it; a message
 * ends with a "-" line (or "-}" of a FIN envelope, whose {1:…}{2:…} headers are passed over) or where
 * a new :20: begins. Blank lines are ignored. Refuses text before the first field with
 * DOMAIN_BAD_STATEMENT naming the line.
 */
export function splitSwiftMessages(text: string): SwiftMessage[] {
  if (text.length > MAX_MT940_LENGTH) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected an MT940 file of at most ${MAX_MT940_LENGTH} characters, found ${text.length}`);
  const lines = text.split(/\r\n|\n|\r/);
  const messages: SwiftMessage[] = [];
  let current: SwiftMessage | null = null;
  let field: SwiftField | null = null;
  const finish = () => {
    if (current && current.fields.length > 0) messages.push(current);
    current = null;
    field = null;
  };
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] as string;
    const number = index + 1;
    // FIN envelope: {1:F01…}{2:O940…}{3:…}{4: then fields, closed by -} and {5:…}.
    if (line.startsWith('{')) {
      const block4 = line.indexOf('{4:');
      if (block4 === -1) continue;
      finish();
      line = line.slice(block4 + 3);
      if (line.trim() === '') continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed === '-' || trimmed.startsWith('-}')) {
      finish();
      continue;
    }
    const match = FIELD.exec(line);
    if (match) {
      const tag = match[1] as string;
      if (tag === '20' && current && (current as SwiftMessage).fields.length > 0) finish();
      current ??= { fields: [], line: number };
      field = { tag, value: match[2] as string, line: number };
      current.fields.push(field);
      continue;
    }
    if (!field) {
      throw new CofferError('DOMAIN_BAD_STATEMENT', `line ${number}: expected an MT940 field such as :20: at the start of the line, found other text`);
    }
    const open: SwiftField = field;
    if (open.value.length + line.length > MAX_FIELD_LENGTH) {
      throw new CofferError('DOMAIN_BAD_STATEMENT', `line ${number}: expected field :${open.tag}: of at most ${MAX_FIELD_LENGTH} characters, found more`);
    }
    open.value += `\n${line}`;
  }
  finish();
  return messages;
}
