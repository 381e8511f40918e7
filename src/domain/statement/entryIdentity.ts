import { sha256Hex } from '../../crypto/index.js';
import type { BookingEntry, EntryDetail, EntryDraft } from './bookingEntry.js';

/** Versions the fields below: a stored identity of another version is never compared with this one. */
export const ENTRY_IDENTITY_VERSION = 'coffer/entry/v1';

function detailKey(detail: EntryDetail): unknown[] {
  const party = detail.counterparty;
  return [detail.amount?.minor ?? null, detail.references.endToEnd, detail.references.mandate, party?.iban ?? party?.account ?? null, detail.remittance];
}

/**
 * What identifies a booking regardless of which file reports it: its dates, signed amount, currency,
 * reversal flag, the bank's reference (AcctSvcrRef, else NtryRef; MT940 bank and customer
 * references), the payment's references (EndToEndId, MndtId, TxId, InstrId, creditor reference), the
 * counterparty's account, the remittance text, and for a batch each transaction's amount, references,
 * account and text. Without any bank reference, the counterparty's name too. Left out on purpose:
 * position, status, statement id, AddtlNtryInf and names where a reference exists, because an
 * intraday report (camt.052, MT942) and the day-end statement (camt.053, MT940) differ in them.
 */
export function entryFingerprint(entry: EntryDraft): string {
  const refs = entry.references;
  const bankReference = refs.accountServicer ?? refs.entry;
  const party = entry.counterparty;
  const unreferenced = bankReference === null && refs.customer === null && refs.endToEnd === null;
  return JSON.stringify([
    ENTRY_IDENTITY_VERSION,
    entry.bookingDate,
    entry.valueDate,
    entry.amount.minor,
    entry.amount.currency,
    entry.reversal,
    bankReference,
    refs.customer,
    refs.endToEnd,
    refs.mandate,
    refs.transaction,
    refs.instruction,
    refs.creditorReference,
    party?.iban ?? party?.account ?? null,
    unreferenced ? (party?.name ?? null) : null,
    entry.remittance,
    entry.details.length > 1 ? entry.details.map(detailKey) : null,
  ]);
}

/**
 * The entries of one statement with their `identity` and `occurrence`: identity = SHA-256 (hex) of the
 * fingerprint and the entry's occurrence among identical booked fingerprints of this statement (1, 2,
 * …). So a statement re-imported gives the same identities, two identical bookings in one statement
 * stay two (a repeated AcctSvcrRef never merges distinct bookings), and an intraday report followed by
 * the day-end statement meets the same identities although positions differ. Entries not booked are
 * counted apart (and marked in their identity): a pending twin must not shift a booking's occurrence.
 */
export function identifyEntries(drafts: readonly EntryDraft[]): BookingEntry[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const fingerprint = draft.booked ? entryFingerprint(draft) : `${entryFingerprint(draft)}#not-booked`;
    const occurrence = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, occurrence);
    // The identity and occurrence computed here win over any the draft carried at run time (a type does not
    // stop an extra property), and still come first, where the entries' JSON has always had them.
    return Object.assign({ identity: '', occurrence: 0 }, draft, { identity: sha256Hex(`${fingerprint}#${occurrence}`), occurrence });
  });
}
