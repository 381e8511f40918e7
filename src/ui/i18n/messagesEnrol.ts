/** Texts of the first-run screen (a fresh vault enrols at its bank), in English and German. Keys name the place, not the words. */
export const enrolEn = {
  'enrol.title': 'Connect to your bank',
  'enrol.subtitle': 'This vault is new. Enter the address of your bank’s gateway and the activation code your bank gave you: Coffer registers this device and then fetches your accounts.',
  'enrol.server': 'Gateway address',
  'enrol.serverHint': 'https://… as your bank gave it (plain http only to this computer)',
  'enrol.code': 'Activation code',
  'enrol.codeHint': 'Five groups of four letters and digits, used once',
  'enrol.keyTitle': 'Add your security key (optional)',
  'enrol.keyHint': 'Register your hardware key with the enrolment, so the bank knows it at once: give it a name, press the button and touch the key when it blinks. You can also add keys later under Hardware keys.',
  'enrol.keyName': 'Key name',
  'enrol.keyAdd': 'Add security key',
  'enrol.keyAdding': 'Touch your key…',
  'enrol.keysReady': 'Registered with the enrolment:',
  'enrol.submit': 'Enrol',
  'enrol.submitting': 'Connecting to your bank…',
};

export const enrolDe: Record<keyof typeof enrolEn, string> = {
  'enrol.title': 'Mit Ihrer Bank verbinden',
  'enrol.subtitle': 'Dieser Tresor ist neu. Geben Sie die Adresse des Gateways Ihrer Bank und den Aktivierungscode Ihrer Bank ein: Coffer registriert dieses Gerät und lädt dann Ihre Konten.',
  'enrol.server': 'Gateway-Adresse',
  'enrol.serverHint': 'https://… wie von Ihrer Bank genannt (unverschlüsseltes http nur zu diesem Computer)',
  'enrol.code': 'Aktivierungscode',
  'enrol.codeHint': 'Fünf Gruppen aus vier Buchstaben und Ziffern, einmal gültig',
  'enrol.keyTitle': 'Sicherheitsschlüssel hinzufügen (optional)',
  'enrol.keyHint': 'Registrieren Sie Ihren Hardware-Schlüssel mit der Anmeldung, damit die Bank ihn sofort kennt: Geben Sie ihm einen Namen, wählen Sie die Schaltfläche und berühren Sie den Schlüssel, wenn er blinkt. Schlüssel lassen sich auch später unter „Hardware-Schlüssel“ hinzufügen.',
  'enrol.keyName': 'Name des Schlüssels',
  'enrol.keyAdd': 'Sicherheitsschlüssel hinzufügen',
  'enrol.keyAdding': 'Berühren Sie Ihren Schlüssel…',
  'enrol.keysReady': 'Wird mit der Anmeldung registriert:',
  'enrol.submit': 'Anmelden',
  'enrol.submitting': 'Verbindung zur Bank…',
};
