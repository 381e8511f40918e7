import type { PaymentBankStatus } from '../../api/index.js';

/**
 * What the bank said of a payment, in plain words for `payments show`. A status whose signed reports do not
 * bear it out is written in capitals and never as the status it claims.
 */
export function paymentBankStatusText(bank: PaymentBankStatus): string {
  if (bank.state === 'none') return 'no status report from the bank yet';
  if (bank.state === 'tampered') return `STATUS DOES NOT VERIFY: ${bank.problem}; this is not the bank's word: run \`coffer audit verify\` and tell your security team`;
  const when = `reported ${bank.reportedAt.slice(0, 10)}`;
  // Said first and loudly: cancelled here does not stop what the bank took before the withdrawal reached it.
  if (bank.cancelledHere === true) return `CANCELLED HERE TOO LATE: the bank had accepted it on approvals in other vaults and reports it ${bank.status} (${when})`;
  switch (bank.status) {
    case 'accepted':
      return `accepted by the bank, not yet executed (${when})`;
    case 'executed':
      return `executed by the bank (${when})`;
    case 'rejected':
      return `REJECTED by the bank: ${bank.reason ?? ''} ${bank.reasonName ?? ''} (${when})`;
  }
}

/** The status column of `payments list`: the status, with a rejection's reason code, or the warning of a status that does not verify. */
export function paymentStatusWord(status: string, bank: PaymentBankStatus): string {
  if (bank.state === 'tampered') return `${status} (STATUS DOES NOT VERIFY)`;
  if (bank.state === 'reported' && bank.cancelledHere === true) return `${status} (BANK REPORTS ${bank.status.toUpperCase()})`;
  if (bank.state === 'reported' && bank.status === 'rejected') return `rejected (${bank.reason ?? ''} ${bank.reasonName ?? ''})`;
  return status;
}
