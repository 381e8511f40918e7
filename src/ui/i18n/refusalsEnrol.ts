import type { Locale } from './messages';

type Table = Record<string, Record<Locale, { title: string; action: string }>>;

/** Refusals of enrolment at the bank (the first-run screen). Merged into explainRefusal. */
export const ENROL_REFUSALS: Table = {
  SERVER_BAD_ACTIVATION_CODE: {
    en: { title: 'The bank does not know this activation code. Nothing was changed.', action: 'Check the code as your bank gave it (letters and digits, no O, I or L) and try again, or ask your bank for a new one.' },
    de: { title: 'Die Bank kennt diesen Aktivierungscode nicht. Es wurde nichts geändert.', action: 'Prüfen Sie den Code, wie Ihre Bank ihn genannt hat (Buchstaben und Ziffern, ohne O, I oder L), und versuchen Sie es erneut, oder fragen Sie Ihre Bank nach einem neuen.' },
  },
  SERVER_ACTIVATION_CODE_EXPIRED: {
    en: { title: 'This activation code has expired. Nothing was changed.', action: 'Ask your bank for a new code.' },
    de: { title: 'Dieser Aktivierungscode ist abgelaufen. Es wurde nichts geändert.', action: 'Fragen Sie Ihre Bank nach einem neuen Code.' },
  },
  SERVER_ACTIVATION_CODE_USED: {
    en: { title: 'This activation code was used already. Nothing was changed.', action: 'A code enrols one device once: ask your bank for a new one, and tell them if you did not use it.' },
    de: { title: 'Dieser Aktivierungscode wurde schon verwendet. Es wurde nichts geändert.', action: 'Ein Code meldet ein Gerät einmal an: Fragen Sie Ihre Bank nach einem neuen und sagen Sie ihr, falls Sie ihn nicht verwendet haben.' },
  },
  APP_INSECURE_GATEWAY: {
    en: { title: 'Coffer only connects to a bank over https. Nothing was sent.', action: 'Enter the address as https://… with the host name only (plain http is allowed only to this computer).' },
    de: { title: 'Coffer verbindet sich mit einer Bank nur über https. Es wurde nichts gesendet.', action: 'Geben Sie die Adresse als https://… nur mit dem Hostnamen ein (unverschlüsseltes http nur zu diesem Computer).' },
  },
  APP_GATEWAY_UNREACHABLE: {
    en: { title: 'The bank’s gateway could not be reached. Nothing was changed.', action: 'Check the address and your network connection, then try again.' },
    de: { title: 'Das Gateway der Bank war nicht erreichbar. Es wurde nichts geändert.', action: 'Prüfen Sie die Adresse und Ihre Netzwerkverbindung und versuchen Sie es erneut.' },
  },
  APP_ALREADY_ENROLLED: {
    en: { title: 'This vault is already connected to a bank.', action: 'Unlock it again to work with it; to enrol anew, create a new vault with `coffer init`.' },
    de: { title: 'Dieser Tresor ist bereits mit einer Bank verbunden.', action: 'Entsperren Sie ihn erneut, um damit zu arbeiten; für eine neue Anmeldung legen Sie mit `coffer init` einen neuen Tresor an.' },
  },
  APP_BAD_GATEWAY_ANSWER: {
    en: { title: 'The gateway’s answer did not verify as your bank’s. Nothing was stored.', action: 'Check that the address is your bank’s, and tell your bank and your security team.' },
    de: { title: 'Die Antwort des Gateways ließ sich nicht als die Ihrer Bank prüfen. Es wurde nichts gespeichert.', action: 'Prüfen Sie, ob die Adresse die Ihrer Bank ist, und informieren Sie Ihre Bank und Ihr Sicherheitsteam.' },
  },
  SERVER_BAD_CREDENTIAL: {
    en: { title: 'The bank did not accept the security key’s registration. Nothing was changed.', action: 'Add the key again on this screen and enrol; or enrol without it and add it later under Hardware keys.' },
    de: { title: 'Die Bank hat die Registrierung des Sicherheitsschlüssels nicht angenommen. Es wurde nichts geändert.', action: 'Fügen Sie den Schlüssel auf diesem Bildschirm erneut hinzu und melden Sie sich an, oder melden Sie sich ohne ihn an und fügen Sie ihn später unter „Hardware-Schlüssel“ hinzu.' },
  },
  SERVER_CREDENTIAL_IN_USE: {
    en: { title: 'The bank knows this security key already. Nothing was changed.', action: 'Use another key, or enrol without a key.' },
    de: { title: 'Die Bank kennt diesen Sicherheitsschlüssel schon. Es wurde nichts geändert.', action: 'Verwenden Sie einen anderen Schlüssel oder melden Sie sich ohne Schlüssel an.' },
  },
  SERVER_KEY_NOT_ALLOWED: {
    en: { title: 'Your organisation does not allow this model of security key. Nothing was changed.', action: 'Ask your administrator which keys the bank allows and add one of those; or enrol without a key and add an allowed one later under Hardware keys.' },
    de: { title: 'Ihre Organisation erlaubt dieses Modell von Sicherheitsschlüssel nicht. Es wurde nichts geändert.', action: 'Fragen Sie Ihre Administration, welche Schlüssel die Bank zulässt, und fügen Sie einen davon hinzu; oder melden Sie sich ohne Schlüssel an und fügen Sie später unter „Hardware-Schlüssel“ einen erlaubten hinzu.' },
  },
  SERVER_DEMO_CREDENTIAL: {
    en: { title: 'This is a demo key whose secret is published: the bank refuses it. Nothing was changed.', action: 'Use a real hardware key.' },
    de: { title: 'Das ist ein Demo-Schlüssel mit veröffentlichtem Geheimnis: Die Bank lehnt ihn ab. Es wurde nichts geändert.', action: 'Verwenden Sie einen echten Hardware-Schlüssel.' },
  },
};
