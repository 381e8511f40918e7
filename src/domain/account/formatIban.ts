import { friendlyFormatIBAN } from 'ibantools';
import type { Iban } from './parseIban.js';

/** The IBAN in groups of four for people ("DE89 3704 0044 0532 0130 00"). */
export function formatIban(iban: Iban): string {
  return friendlyFormatIBAN(iban) ?? iban;
}
