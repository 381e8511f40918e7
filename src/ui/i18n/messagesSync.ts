/** The background sync with the bank, as the sidebar shows it, in English and German. */
export const syncEn = {
  'sync.waiting': 'Bank sync starting…',
  'sync.syncing': 'Syncing with the bank…',
  'sync.synced': 'Synced with the bank {time}',
  'sync.offline': 'Bank not reachable · retry {time}',
  'sync.failed': 'Bank sync refused ({code})',
};

export const syncDe: Record<keyof typeof syncEn, string> = {
  'sync.waiting': 'Bank-Abgleich startet…',
  'sync.syncing': 'Abgleich mit der Bank…',
  'sync.synced': 'Mit der Bank abgeglichen {time}',
  'sync.offline': 'Bank nicht erreichbar · neuer Versuch {time}',
  'sync.failed': 'Bank-Abgleich abgelehnt ({code})',
};
