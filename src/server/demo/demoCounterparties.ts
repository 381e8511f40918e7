import { DEMO_PAYEE_DIRECTORY } from '../../domain/index.js';

/** Counterparties of the demo's bookings: the demo payee directory's booked entries, so their payee checks match. */
export const DEMO_COUNTERPARTIES: readonly { name: string; iban: string }[] = DEMO_PAYEE_DIRECTORY.filter((entry) => 'booked' in entry).map(({ name, iban }) => ({ name, iban }));
