import type { Locale } from './messages';

type Table = Record<string, Record<Locale, { title: string; action: string }>>;

/** Refusals of hardware keys: step-up, enrolment, ceremonies that did not happen. Merged into explainRefusal. */
export const KEY_REFUSALS: Table = {
  APP_STEP_UP_REQUIRED: {
    en: { title: 'This needs a confirmation with your hardware key.', action: 'Add a key under Hardware keys if you have none, then try again and touch the key when it blinks.' },
    de: { title: 'Das muss mit Ihrem Hardware-Schlüssel bestätigt werden.', action: 'Fügen Sie unter „Hardware-Schlüssel“ einen Schlüssel hinzu, falls Sie keinen haben, versuchen Sie es erneut und berühren Sie den Schlüssel, wenn er blinkt.' },
  },
  APP_STEP_UP_FAILED: {
    en: { title: 'The hardware key did not confirm this, so nothing was changed.', action: 'Try again and touch the key soon after Coffer asks (the confirmation is valid for a few minutes only); use a key registered for you.' },
    de: { title: 'Der Hardware-Schlüssel hat das nicht bestätigt, deshalb wurde nichts geändert.', action: 'Versuchen Sie es erneut und berühren Sie den Schlüssel bald nach der Aufforderung (die Bestätigung gilt nur wenige Minuten); verwenden Sie einen für Sie registrierten Schlüssel.' },
  },
  VAULT_PASSWORD_AND_KEY_REQUIRED: {
    en: { title: 'This vault opens only with the password and your hardware key together.', action: 'Enter the password, press Unlock and touch your key when it blinks. Lost the key? Use the recovery code.' },
    de: { title: 'Dieser Tresor öffnet sich nur mit Passwort und Hardware-Schlüssel zusammen.', action: 'Geben Sie das Passwort ein, drücken Sie „Entsperren“ und berühren Sie den Schlüssel, wenn er blinkt. Schlüssel verloren? Nutzen Sie den Wiederherstellungscode.' },
  },
  UI_NO_KEY: {
    en: { title: 'You have no hardware key in this vault yet.', action: 'Add one under Hardware keys, then come back and try again.' },
    de: { title: 'Sie haben in diesem Tresor noch keinen Hardware-Schlüssel.', action: 'Fügen Sie unter „Hardware-Schlüssel“ einen hinzu und versuchen Sie es dann erneut.' },
  },
  UI_KEY_CANCELLED: {
    en: { title: 'The key was not used: the request was cancelled or the key refused it. Nothing was changed.', action: 'Try again, touch the key when it blinks and enter its PIN or use your fingerprint.' },
    de: { title: 'Der Schlüssel wurde nicht benutzt: Die Anfrage wurde abgebrochen oder der Schlüssel hat sie abgelehnt. Es wurde nichts geändert.', action: 'Versuchen Sie es erneut, berühren Sie den Schlüssel, wenn er blinkt, und geben Sie seine PIN ein oder nutzen Sie Ihren Fingerabdruck.' },
  },
  UI_KEY_TIMEOUT: {
    en: { title: 'The key was not touched in time. Nothing was changed.', action: 'Try again and touch the key while Coffer asks for it.' },
    de: { title: 'Der Schlüssel wurde nicht rechtzeitig berührt. Es wurde nichts geändert.', action: 'Versuchen Sie es erneut und berühren Sie den Schlüssel, solange Coffer danach fragt.' },
  },
  UI_KEY_ALREADY_ENROLLED: {
    en: { title: 'This key is already one of your keys.', action: 'Use another key, or rename the one in the list.' },
    de: { title: 'Dieser Schlüssel gehört schon zu Ihren Schlüsseln.', action: 'Verwenden Sie einen anderen Schlüssel oder benennen Sie den in der Liste um.' },
  },
  UI_KEY_UNSUPPORTED: {
    en: { title: 'This window cannot talk to hardware keys.', action: 'Start Coffer with `coffer app` on a system whose Chromium supports WebAuthn.' },
    de: { title: 'Dieses Fenster kann nicht mit Hardware-Schlüsseln sprechen.', action: 'Starten Sie Coffer mit `coffer app` auf einem System, dessen Chromium WebAuthn unterstützt.' },
  },
  UI_KEY_FAILED: {
    en: { title: 'The key could not be used. Nothing was changed.', action: 'Reconnect the key and try again; the detail below says what the browser reported.' },
    de: { title: 'Der Schlüssel konnte nicht benutzt werden. Es wurde nichts geändert.', action: 'Verbinden Sie den Schlüssel neu und versuchen Sie es erneut; die Einzelheiten unten nennen die Meldung des Browsers.' },
  },
  UI_KEY_NO_PRF: {
    en: { title: 'The key gave no secret for unlocking, so it does not unlock the vault.', action: 'It still confirms changes and approves payments. To unlock by key, use a key with the PRF extension (hmac-secret).' },
    de: { title: 'Der Schlüssel hat kein Geheimnis zum Entsperren geliefert und entsperrt den Tresor daher nicht.', action: 'Er bestätigt weiterhin Änderungen und gibt Zahlungen frei. Zum Entsperren per Schlüssel brauchen Sie einen Schlüssel mit PRF-Erweiterung (hmac-secret).' },
  },
  APP_LAST_KEY: {
    en: { title: 'This is your last hardware key, and your organisation requires one.', action: 'Add another key first, then remove this one.' },
    de: { title: 'Das ist Ihr letzter Hardware-Schlüssel, und Ihre Organisation verlangt einen.', action: 'Fügen Sie zuerst einen weiteren Schlüssel hinzu und entfernen Sie dann diesen.' },
  },
  APP_KEY_REJECTED: {
    en: { title: 'Coffer could not accept this key.', action: 'Try again within two minutes of pressing the button; the detail below says what did not verify.' },
    de: { title: 'Coffer konnte diesen Schlüssel nicht annehmen.', action: 'Versuchen Sie es erneut innerhalb von zwei Minuten nach dem Klick; die Einzelheiten unten nennen, was nicht geprüft werden konnte.' },
  },
  APP_KEY_NOT_ALLOWED: {
    en: { title: 'Your organisation does not allow this model of key.', action: 'Ask your administrator which keys the bank allows, and use one of those.' },
    de: { title: 'Ihre Organisation erlaubt dieses Schlüsselmodell nicht.', action: 'Fragen Sie Ihre Administration, welche Schlüssel die Bank zulässt, und verwenden Sie einen davon.' },
  },
  APP_KEY_CLONED: {
    en: { title: 'This key’s counter went backwards: it may have been copied.', action: 'Stop using the key and tell your security team; the attempt is in the audit log.' },
    de: { title: 'Der Zähler dieses Schlüssels ist zurückgegangen: Er wurde womöglich kopiert.', action: 'Benutzen Sie den Schlüssel nicht weiter und informieren Sie Ihr Sicherheitsteam; der Versuch steht im Prüfprotokoll.' },
  },
  APP_APPROVAL_TAMPERED: {
    en: { title: 'An approval of this payment does not verify and counts for nothing.', action: 'Do not release the payment; tell your security team. The audit log records it.' },
    de: { title: 'Eine Freigabe dieser Zahlung lässt sich nicht prüfen und zählt nicht.', action: 'Geben Sie die Zahlung nicht weiter; informieren Sie Ihr Sicherheitsteam. Das Prüfprotokoll vermerkt es.' },
  },
};
