import { randomId } from '../../../crypto/index.js';

/** 32 hex digits: fits a payment id (Max35Text EndToEndId), unlike a hyphenated UUID (36). */
export function newRecordId(): string {
  return randomId().replaceAll('-', '');
}
