import { z } from 'zod';

/*
 * Field schemas shared by payees, payments and statements. Text that reaches an approver's screen
 * or a bank file must be printable: no control characters (they break XML 1.0 and terminals), no
 * bidirectional overrides or isolates (they make "ACME\u202Eevil" display as another name — the
 * "Trojan Source" trick, CVE-2021-42574), no lone surrogates, and NFC so one name has one spelling.
 */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/;
const BIDI_OVERRIDE = /[\u202a-\u202e\u2066-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text cannot be shown or exported safely, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'expected printable text, found a control character';
  if (BIDI_OVERRIDE.test(value)) return 'expected text without bidirectional override characters, found one';
  if (LONE_SURROGATE.test(value)) return 'expected well-formed Unicode, found a lone surrogate';
  if (value.normalize('NFC') !== value) return 'expected Unicode text in NFC form, found another form';
  return undefined;
}

/** Length in characters (code points), as XML Schema's maxLength counts them. */
export function characterCount(value: string): number {
  return [...value].length;
}

function safeText(min: number, max: number) {
  return z.string().superRefine((value, ctx) => {
    const count = characterCount(value);
    if (count < min || count > max) {
      ctx.addIssue({ code: 'custom', message: `expected ${min} to ${max} characters, found ${count}` });
      return;
    }
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

// Characters that take no visible space: "ACME\u200BGmbH" looks like "ACMEGmbH" to an approver but is another name.
// Combining marks among them (U+034F, U+17B4, U+17B5) stand alone in the alternation, not in the class.
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\uffa0]|\u034f|\u17b4|\u17b5/u;
const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u];

/**
 * Why a name could pass for another on an approver's screen, or undefined: an invisible character, or a
 * word mixing scripts whose letters look alike ("Аcme" with a Cyrillic А is not "Acme"; UTS #39 mixed-script
 * confusables). A name wholly in one script, any script, is fine.
 */
export function lookAlikeProblem(value: string): string | undefined {
  if (INVISIBLE.test(value)) return 'expected a name without invisible characters (zero-width spaces, soft hyphens), found one';
  for (const word of value.split(/[\s\p{P}]+/u)) {
    const scripts = SCRIPTS.filter((script) => script.test(word)).length;
    if (scripts > 1) return 'expected each word of a name in one script, found a word mixing look-alike letters of several (e.g. Latin and Cyrillic)';
  }
  return undefined;
}

/** A payee or party name: 1 to 70 characters (the SEPA limit on Nm), no surrounding spaces, no look-alike tricks. */
export const PartyName = safeText(1, 70)
  .refine((value) => value.trim() === value, 'expected a name without surrounding spaces')
  .superRefine((value, ctx) => {
    const problem = lookAlikeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type PartyName = z.infer<typeof PartyName>;

/** Unstructured remittance information (ISO 20022 Ustrd): 0 to 140 characters, empty for none. */
export const RemittanceInfo = safeText(0, 140);
export type RemittanceInfo = z.infer<typeof RemittanceInfo>;

/** Who created a record: a user id of the organisation. */
export const UserId = safeText(1, 128);
export type UserId = z.infer<typeof UserId>;

/**
 * A payment id. At most 35 characters because it travels as the pain.001 EndToEndId (Max35Text,
 * SEPA charset); a UUID (36) is one too long, so use 32 hex digits or similar.
 */
export const PaymentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,34}$/, 'expected 1 to 35 letters, digits and "-"');
export type PaymentId = z.infer<typeof PaymentId>;

/** A payee id (local to the organisation's vault). */
export const PayeeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'expected 1 to 64 letters, digits and ._:-');
export type PayeeId = z.infer<typeof PayeeId>;

/** A calendar date YYYY-MM-DD (ISO 8601) that exists: 2024-02-30 is refused. */
export const IsoDate = z.string().refine((value) => {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}, 'expected an existing calendar date YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * An instant in UTC, written exactly as Date.prototype.toISOString() writes it
 * ("2025-03-01T09:30:00.000Z"). One spelling per instant, so digests that bind it are stable.
 */
export const Timestamp = z.string().refine((value) => {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}, 'expected a UTC timestamp like 2025-03-01T09:30:00.000Z');
export type Timestamp = z.infer<typeof Timestamp>;
