import type { Locale } from './messages';
import { ENROL_REFUSALS } from './refusalsEnrol';
import { KEY_REFUSALS } from './refusalsKeys';
import { SCREEN_REFUSALS } from './refusalsScreens';

/** A refusal explained to a person: what happened, and what they can do about it. */
export interface Explanation {
  title: string;
  action: string;
}

type Table = Record<string, Record<Locale, Explanation>>;

/*
 * The one place the UI turns codes into words (STYLE.md rule 4). The shell's own message, which names
 * what was expected and found, is shown beneath as the detail.
 */
const REFUSALS: Table = {
  VAULT_WRONG_PASSWORD: {
    en: { title: 'That password does not open this vault.', action: 'Check Caps Lock and the keyboard layout, then type it again. After several wrong attempts Coffer makes you wait before the next one.' },
    de: { title: 'Dieses Passwort öffnet den Tresor nicht.', action: 'Prüfen Sie die Feststelltaste und das Tastaturlayout und geben Sie es erneut ein. Nach mehreren Fehlversuchen lässt Coffer Sie vor dem nächsten warten.' },
  },
  VAULT_WRONG_KEY: {
    en: { title: 'That key does not open this vault.', action: 'Use the key you turned on for unlocking (Settings, hardware keys), or unlock with the password.' },
    de: { title: 'Dieser Schlüssel öffnet den Tresor nicht.', action: 'Verwenden Sie den Schlüssel, den Sie zum Entsperren eingerichtet haben (Einstellungen, Hardware-Schlüssel), oder entsperren Sie mit dem Passwort.' },
  },
  UI_EMPTY_PASSWORD: {
    en: { title: 'No password was typed.', action: 'Type the vault password, then press Unlock.' },
    de: { title: 'Es wurde kein Passwort eingegeben.', action: 'Geben Sie das Tresor-Passwort ein und wählen Sie dann „Entsperren“.' },
  },
  VAULT_BACKOFF: {
    en: { title: 'Too many wrong passwords in a row.', action: 'Wait until the time below has passed, then try again. The attempts are recorded in the audit log.' },
    de: { title: 'Zu viele falsche Passwörter hintereinander.', action: 'Warten Sie die unten genannte Zeit ab und versuchen Sie es dann erneut. Die Versuche werden im Prüfprotokoll vermerkt.' },
  },
  VAULT_NOT_FOUND: {
    en: { title: 'There is no vault in the folder Coffer was started with.', action: 'Start Coffer with the right --vault folder, or create a vault with `coffer init`.' },
    de: { title: 'Im angegebenen Ordner liegt kein Tresor.', action: 'Starten Sie Coffer mit dem richtigen --vault-Ordner oder legen Sie mit `coffer init` einen Tresor an.' },
  },
  VAULT_LOCKED: {
    en: { title: 'The vault is locked.', action: 'Unlock it again with your password.' },
    de: { title: 'Der Tresor ist gesperrt.', action: 'Entsperren Sie ihn erneut mit Ihrem Passwort.' },
  },
  VAULT_BUSY: {
    en: { title: 'Another Coffer process is using this vault.', action: 'Close the other window or command, then try again.' },
    de: { title: 'Ein anderer Coffer-Prozess verwendet diesen Tresor.', action: 'Schließen Sie das andere Fenster oder Kommando und versuchen Sie es erneut.' },
  },
  VAULT_IO: {
    en: { title: 'Coffer could not read or write the vault files.', action: 'Check free disk space and the folder’s permissions, then try again.' },
    de: { title: 'Coffer konnte die Tresordateien nicht lesen oder schreiben.', action: 'Prüfen Sie freien Speicherplatz und die Rechte des Ordners und versuchen Sie es erneut.' },
  },
  POLICY_DENIED: {
    en: { title: 'Your role does not allow this.', action: 'Ask your administrator for the permission, or ask a colleague who has it.' },
    de: { title: 'Ihre Rolle erlaubt das nicht.', action: 'Bitten Sie Ihre Administration um die Berechtigung oder eine Kollegin bzw. einen Kollegen, die sie haben.' },
  },
  POLICY_EXPIRED: {
    en: { title: 'Your organisation’s policy has expired: Coffer is read-only.', action: 'Connect to the bank so it can send a new policy; until then you can read but not change anything.' },
    de: { title: 'Die Richtlinie Ihrer Organisation ist abgelaufen: Coffer ist schreibgeschützt.', action: 'Verbinden Sie sich mit der Bank, damit sie eine neue Richtlinie schickt; bis dahin können Sie lesen, aber nichts ändern.' },
  },
  APP_NO_POLICY: {
    en: { title: 'This vault has no policy from your bank yet.', action: 'Enrol the device with your bank first; nothing can be done without a policy.' },
    de: { title: 'Dieser Tresor hat noch keine Richtlinie Ihrer Bank.', action: 'Registrieren Sie das Gerät zuerst bei Ihrer Bank; ohne Richtlinie ist nichts möglich.' },
  },
  APP_BAD_INPUT: {
    en: { title: 'Some of the information is not in the expected form.', action: 'Correct the field named below and try again.' },
    de: { title: 'Einige Angaben haben nicht die erwartete Form.', action: 'Korrigieren Sie das unten genannte Feld und versuchen Sie es erneut.' },
  },
  DESKTOP_LOCKED: {
    en: { title: 'The vault is locked.', action: 'Unlock it again with your password.' },
    de: { title: 'Der Tresor ist gesperrt.', action: 'Entsperren Sie ihn erneut mit Ihrem Passwort.' },
  },
  DESKTOP_MESSAGE_TOO_LARGE: {
    en: { title: 'This request is too large for the window to send.', action: 'Send less at once, for example fewer items or a smaller file.' },
    de: { title: 'Diese Anfrage ist zu groß für das Fenster.', action: 'Senden Sie weniger auf einmal, etwa weniger Einträge oder eine kleinere Datei.' },
  },
  UI_NO_SHELL: {
    en: { title: 'This page is not running inside the Coffer window.', action: 'Start Coffer with `coffer app`; the page alone cannot reach your vault.' },
    de: { title: 'Diese Seite läuft nicht im Coffer-Fenster.', action: 'Starten Sie Coffer mit `coffer app`; die Seite allein erreicht Ihren Tresor nicht.' },
  },
  UI_SHELL_GONE: {
    en: { title: 'The connection to the Coffer process was lost.', action: 'Close this window and start Coffer again.' },
    de: { title: 'Die Verbindung zum Coffer-Prozess ist abgerissen.', action: 'Schließen Sie dieses Fenster und starten Sie Coffer neu.' },
  },
};

const FALLBACK: Record<Locale, Explanation> = {
  en: { title: 'Coffer refused this.', action: 'Read the detail below. If it persists, note the code and ask your administrator.' },
  de: { title: 'Coffer hat das abgelehnt.', action: 'Lesen Sie die Einzelheiten unten. Bleibt es dabei, notieren Sie den Code und wenden Sie sich an Ihre Administration.' },
};

const INTEGRITY: Record<Locale, Explanation> = {
  en: { title: 'The vault files failed an integrity check.', action: 'Do not continue with this copy: restore the vault from a backup and tell your security team.' },
  de: { title: 'Die Tresordateien haben eine Integritätsprüfung nicht bestanden.', action: 'Arbeiten Sie nicht mit dieser Kopie weiter: Stellen Sie den Tresor aus einer Sicherung wieder her und informieren Sie Ihr Sicherheitsteam.' },
};

const INTEGRITY_CODES = new Set(['VAULT_KEYS_CORRUPT', 'VAULT_KEYSLOT_TAMPERED', 'VAULT_KEYSLOT_REMOVED', 'VAULT_KEYSLOT_LIST_TAMPERED', 'VAULT_KEYS_ROLLED_BACK', 'VAULT_DB_KEY_MISMATCH', 'VAULT_KDF_DOWNGRADE']);

export function explainRefusal(code: string, locale: Locale): Explanation {
  if (INTEGRITY_CODES.has(code)) return INTEGRITY[locale];
  return REFUSALS[code]?.[locale] ?? SCREEN_REFUSALS[code]?.[locale] ?? KEY_REFUSALS[code]?.[locale] ?? ENROL_REFUSALS[code]?.[locale] ?? FALLBACK[locale];
}
