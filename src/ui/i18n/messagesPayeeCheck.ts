/** Verification of Payee, as maker and approvers read it before signing, in English and German. */
export const payeeCheckEn = {
  'vop.title': 'Payee check',
  'vop.match': 'The name matches the account holder.',
  'vop.closeMatch': 'Close match: the bank holds the name “{registered}” for this IBAN.',
  'vop.closeMatchAction': 'Correct the payee’s name, or confirm with the payee that it is the same company, before you approve.',
  'vop.noMatch': 'No match: this name is not the holder of this IBAN.',
  'vop.noMatchAction': 'The money may reach someone else. Confirm the IBAN with the payee by a channel you already know before you approve. You may still approve: the decision is yours.',
  'vop.notPossible': 'Not possible: the payee’s bank could not check this account.',
  'vop.notChecked': 'Not checked (offline): the bank has not been asked about this payee yet.',
  'vop.tampered': 'The stored payee check does not verify: it is not the bank’s answer.',
  'vop.tamperedAction': 'Treat the payee as unchecked and tell your security team; the audit log records it.',
  'vop.checkedAt': 'Checked {date}',
};

export const payeeCheckDe: Record<keyof typeof payeeCheckEn, string> = {
  'vop.title': 'Empfängerüberprüfung',
  'vop.match': 'Der Name stimmt mit dem Kontoinhaber überein.',
  'vop.closeMatch': 'Teilweise Übereinstimmung: Die Bank führt für diese IBAN den Namen „{registered}“.',
  'vop.closeMatchAction': 'Korrigieren Sie den Empfängernamen oder bestätigen Sie mit dem Empfänger, dass es dasselbe Unternehmen ist, bevor Sie freigeben.',
  'vop.noMatch': 'Keine Übereinstimmung: Dieser Name ist nicht der Inhaber dieser IBAN.',
  'vop.noMatchAction': 'Das Geld kann bei jemand anderem ankommen. Bestätigen Sie die IBAN mit dem Empfänger über einen Ihnen bekannten Weg, bevor Sie freigeben. Sie können dennoch freigeben: Die Entscheidung liegt bei Ihnen.',
  'vop.notPossible': 'Nicht möglich: Die Bank des Empfängers konnte dieses Konto nicht prüfen.',
  'vop.notChecked': 'Nicht geprüft (offline): Die Bank wurde zu diesem Empfänger noch nicht gefragt.',
  'vop.tampered': 'Die gespeicherte Empfängerüberprüfung lässt sich nicht prüfen: Sie stammt nicht von der Bank.',
  'vop.tamperedAction': 'Behandeln Sie den Empfänger als ungeprüft und informieren Sie Ihr Sicherheitsteam; das Prüfprotokoll vermerkt es.',
  'vop.checkedAt': 'Geprüft am {date}',
};
