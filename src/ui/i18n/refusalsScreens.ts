import type { Locale } from './messages';

type Table = Record<string, Record<Locale, { title: string; action: string }>>;

/** Refusals the sections meet: payments, statements, files, passwords. Merged into explainRefusal. */
export const SCREEN_REFUSALS: Table = {
  APP_UNRECONCILED: {
    en: { title: 'The statement does not add up, so nothing was booked.', action: 'Ask the bank for a corrected statement. If you have checked the difference and want the bookings anyway, tick “Book it even if it does not reconcile” and import again.' },
    de: { title: 'Der Auszug geht nicht auf, deshalb wurde nichts gebucht.', action: 'Fordern Sie bei der Bank einen berichtigten Auszug an. Haben Sie die Differenz geprüft und wollen trotzdem buchen, setzen Sie „Auch buchen, wenn er nicht aufgeht“ und lesen Sie erneut ein.' },
  },
  APP_ACCOUNT_FED_BY_BANK: {
    en: { title: 'The bank sends this account’s statements itself, so the file was not imported. Nothing was changed.', action: 'Sync with the bank to get its latest bookings; importing the same lines from a file would count them twice.' },
    de: { title: 'Die Bank liefert die Umsätze dieses Kontos selbst, deshalb wurde die Datei nicht eingelesen. Es wurde nichts geändert.', action: 'Gleichen Sie mit der Bank ab, um die neuesten Buchungen zu erhalten; dieselben Umsätze aus einer Datei würden doppelt gezählt.' },
  },
  APP_NOT_FOUND: {
    en: { title: 'That item no longer exists.', action: 'Reload the list; someone may have changed it in the meantime.' },
    de: { title: 'Diesen Eintrag gibt es nicht mehr.', action: 'Laden Sie die Liste neu; jemand hat ihn inzwischen vielleicht geändert.' },
  },
  APP_WRONG_STATUS: {
    en: { title: 'The payment is not in a state that allows this.', action: 'Check its status above: drafts are submitted, pending payments approved, approved ones exported.' },
    de: { title: 'Die Zahlung ist nicht in einem Status, der das erlaubt.', action: 'Prüfen Sie ihren Status oben: Entwürfe werden eingereicht, wartende freigegeben, freigegebene exportiert.' },
  },
  DOMAIN_ILLEGAL_TRANSITION: {
    en: { title: 'The payment is not in a state that allows this.', action: 'Check its status above: drafts are submitted, pending payments approved, approved ones exported.' },
    de: { title: 'Die Zahlung ist nicht in einem Status, der das erlaubt.', action: 'Prüfen Sie ihren Status oben: Entwürfe werden eingereicht, wartende freigegeben, freigegebene exportiert.' },
  },
  APP_STALE: {
    en: { title: 'The payment changed while you were looking at it.', action: 'Reopen it to see the current version, then try again.' },
    de: { title: 'Die Zahlung hat sich geändert, während Sie sie angesehen haben.', action: 'Öffnen Sie sie erneut, um die aktuelle Fassung zu sehen, und versuchen Sie es dann noch einmal.' },
  },
  APP_OWN_PAYMENT: {
    en: { title: 'You cannot approve a payment you created yourself (four eyes).', action: 'Ask another approver to approve it.' },
    de: { title: 'Eigene Zahlungen können Sie nicht freigeben (Vier-Augen-Prinzip).', action: 'Bitten Sie einen anderen Freigeber um die Freigabe.' },
  },
  APP_NOT_A_SIGNER: {
    en: { title: 'The approval rules give you no signature for this payment.', action: 'Ask an approver whom the rules name for this account and amount.' },
    de: { title: 'Die Freigaberegeln geben Ihnen für diese Zahlung keine Unterschrift.', action: 'Bitten Sie einen Freigeber, den die Regeln für dieses Konto und diesen Betrag vorsehen.' },
  },
  APP_ALREADY_APPROVED: {
    en: { title: 'You have already approved this payment.', action: 'Nothing more to do; another approver may still be needed.' },
    de: { title: 'Sie haben diese Zahlung bereits freigegeben.', action: 'Für Sie ist nichts mehr zu tun; eventuell ist noch ein weiterer Freigeber nötig.' },
  },
  APP_NOTHING_TO_EXPORT: {
    en: { title: 'There is no approved payment to export.', action: 'Payments must be approved before they can go to the bank.' },
    de: { title: 'Es gibt keine freigegebene Zahlung zum Exportieren.', action: 'Zahlungen müssen freigegeben sein, bevor sie zur Bank gehen.' },
  },
  APP_BAD_FILE: {
    en: { title: 'Coffer could not read this file as a statement.', action: 'Check that it is the statement file the bank sent (camt, MT940, CSV or ZIP), not a PDF or an edited copy.' },
    de: { title: 'Coffer konnte diese Datei nicht als Kontoauszug lesen.', action: 'Prüfen Sie, ob es die Auszugsdatei der Bank ist (camt, MT940, CSV oder ZIP), kein PDF und keine bearbeitete Kopie.' },
  },
  DOMAIN_BAD_STATEMENT: {
    en: { title: 'The statement file is not valid.', action: 'Ask the bank for the file again; the detail below names what is wrong.' },
    de: { title: 'Die Auszugsdatei ist nicht gültig.', action: 'Fordern Sie die Datei bei der Bank erneut an; die Einzelheiten unten nennen den Fehler.' },
  },
  DOMAIN_BAD_CSV: {
    en: { title: 'The CSV file could not be read as a bank statement.', action: 'Export it again from online banking as a statement CSV (CAMT-CSV or MT940 are best).' },
    de: { title: 'Die CSV-Datei ließ sich nicht als Kontoauszug lesen.', action: 'Exportieren Sie sie im Online-Banking erneut als Umsatz-CSV (am besten CAMT-CSV oder MT940).' },
  },
  APP_UNKNOWN_ACCOUNT: {
    en: { title: 'The statement is for an account this vault does not hold.', action: 'Check that the file belongs to your organisation’s accounts.' },
    de: { title: 'Der Auszug gehört zu einem Konto, das dieser Tresor nicht kennt.', action: 'Prüfen Sie, ob die Datei zu den Konten Ihrer Organisation gehört.' },
  },
  DOMAIN_PAYMENT_EXPIRED: {
    en: { title: 'The payment has expired (30 days after its execution date).', action: 'Cancel it and create a new one with a current date.' },
    de: { title: 'Die Zahlung ist abgelaufen (30 Tage nach dem Ausführungsdatum).', action: 'Stornieren Sie sie und legen Sie eine neue mit aktuellem Datum an.' },
  },
  DOMAIN_PAST_EXECUTION_DATE: {
    en: { title: 'The execution date lies in the past.', action: 'Edit the payment and choose today or a later date.' },
    de: { title: 'Das Ausführungsdatum liegt in der Vergangenheit.', action: 'Ändern Sie die Zahlung und wählen Sie heute oder ein späteres Datum.' },
  },
  DOMAIN_BAD_PAYEE: {
    en: { title: 'This payee name could pass for another.', action: 'Type the name with ordinary letters of one alphabet, without invisible characters.' },
    de: { title: 'Dieser Empfängername könnte für einen anderen gehalten werden.', action: 'Schreiben Sie den Namen mit gewöhnlichen Buchstaben eines Alphabets, ohne unsichtbare Zeichen.' },
  },
  DOMAIN_WEAK_PASSWORD: {
    en: { title: 'That password is too easy to guess.', action: 'Choose a longer passphrase of several unrelated words.' },
    de: { title: 'Dieses Passwort ist zu leicht zu erraten.', action: 'Wählen Sie eine längere Passphrase aus mehreren unzusammenhängenden Wörtern.' },
  },
  VAULT_WEAK_PASSWORD: {
    en: { title: 'That password is too easy to guess.', action: 'Choose a longer passphrase of several unrelated words.' },
    de: { title: 'Dieses Passwort ist zu leicht zu erraten.', action: 'Wählen Sie eine längere Passphrase aus mehreren unzusammenhängenden Wörtern.' },
  },
  POLICY_APPROVALS_MISSING: {
    en: { title: 'The payment does not have the approvals its rule needs yet.', action: 'Wait for the approvers named above, then export.' },
    de: { title: 'Der Zahlung fehlen noch Freigaben, die ihre Regel verlangt.', action: 'Warten Sie auf die oben genannten Freigeber und exportieren Sie dann.' },
  },
  VAULT_LOG_FAILED: {
    en: { title: 'The audit log failed its check: the vault takes no more changes.', action: 'Do not continue: tell your security team and restore the vault from a backup.' },
    de: { title: 'Das Prüfprotokoll hat seine Prüfung nicht bestanden: Der Tresor nimmt keine Änderungen mehr an.', action: 'Arbeiten Sie nicht weiter: Informieren Sie Ihr Sicherheitsteam und stellen Sie den Tresor aus einer Sicherung wieder her.' },
  },
  DESKTOP_UNKNOWN_COMMAND: {
    en: { title: 'The window asked for something Coffer does not offer.', action: 'Close the window and start Coffer again; if it happens again, tell your administrator.' },
    de: { title: 'Das Fenster hat etwas angefordert, das Coffer nicht anbietet.', action: 'Schließen Sie das Fenster und starten Sie Coffer neu; passiert es wieder, informieren Sie Ihre Administration.' },
  },
  DESKTOP_BUSY: {
    en: { title: 'Coffer is busy with other requests of this window.', action: 'Wait a moment and try again.' },
    de: { title: 'Coffer ist mit anderen Anfragen dieses Fensters beschäftigt.', action: 'Warten Sie einen Moment und versuchen Sie es erneut.' },
  },
  UI_SAVE_FAILED: {
    en: { title: 'The file could not be saved.', action: 'Choose another folder you may write to, and export again.' },
    de: { title: 'Die Datei konnte nicht gespeichert werden.', action: 'Wählen Sie einen anderen Ordner, in den Sie schreiben dürfen, und exportieren Sie erneut.' },
  },
  UI_SAVE_CANCELLED: {
    en: { title: 'The file was not saved.', action: 'The payments below are queued all the same: export them again from the command line or ask your administrator before creating them anew.' },
    de: { title: 'Die Datei wurde nicht gespeichert.', action: 'Die unten genannten Zahlungen sind trotzdem bereitgestellt: Exportieren Sie sie auf der Kommandozeile erneut oder fragen Sie Ihre Administration, bevor Sie sie neu anlegen.' },
  },
  APP_PAYEE_CHECK_UNTRUSTED: {
    en: { title: 'This payee check is not the bank’s answer.', action: 'Nothing was kept. Ask the bank again when online; if it happens again, tell your security team.' },
    de: { title: 'Diese Empfängerüberprüfung ist keine Antwort der Bank.', action: 'Es wurde nichts gespeichert. Fragen Sie die Bank erneut, sobald Sie online sind; geschieht es wieder, informieren Sie Ihr Sicherheitsteam.' },
  },
  APP_PAYEE_CHECK_MISMATCH: {
    en: { title: 'This payee check is about another IBAN or name.', action: 'Nothing was kept. Check the payee again with the IBAN and name the payment carries.' },
    de: { title: 'Diese Empfängerüberprüfung betrifft eine andere IBAN oder einen anderen Namen.', action: 'Es wurde nichts gespeichert. Prüfen Sie den Empfänger erneut mit der IBAN und dem Namen der Zahlung.' },
  },
};
