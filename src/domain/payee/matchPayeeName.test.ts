import { describe, expect, it } from 'vitest';
import { matchPayeeName } from './matchPayeeName.js';

describe('matchPayeeName', () => {
  describe('when the names differ only in what EPC288-23 cleanses away', () => {
    it.each([
      ['Hanseatic Retail AG', 'HANSEATIC RETAIL AG'],
      ['Svensk Mobel AB', 'Svensk Möbel AB'],
      ['Helvetia Praezision', 'Helvetia Präzision AG'],
      ['Van Dijk Trading BV', 'Van Dijk Trading B.V.'],
      ['Thames Components Limited', 'Thames Components Ltd'],
      ['Alpen-Logistik GmbH', 'Alpen Logistik GmbH'],
      ['Müller & Söhne KG', 'Müller und Söhne KG'],
      ['Straße Bau GmbH', 'Strasse Bau GmbH'],
      ['Dupont Martin', 'Martin Dupont'],
      ['Compagnie Générale SA', 'Compagnie generale S.A.'],
      ['  Alpen   Logistik  ', 'Alpen Logistik GmbH'],
    ])('calls %j and %j a match', (given, registered) => {
      expect(matchPayeeName(given, registered)).toEqual({ result: 'match' });
    });
  });

  describe('when the names are the same company with a small deviation', () => {
    it.each([
      ['Hanseatik Retail AG', 'Hanseatic Retail AG'],
      ['Alpen Logistik AG', 'Alpen Logistik GmbH'],
      ['Van Dijk Tradng', 'Van Dijk Trading B.V.'],
      ['Svensk Möbel Handel AB', 'Svensk Möbelhandel AB'],
    ])('calls %j a close match and returns the registered name %j', (given, registered) => {
      expect(matchPayeeName(given, registered)).toEqual({ result: 'close-match', registeredName: registered });
    });
  });

  describe('when the names are of someone else', () => {
    it.each([
      ['Hanseatic Trading AG', 'Alpen Logistik GmbH'],
      ['Thames Holdings Ltd', 'Thames Components Ltd'],
      ['Acme', 'Acne'],
      ['GmbH', 'Alpen Logistik GmbH'],
      ['---', 'Alpen Logistik GmbH'],
      ['', 'Alpen Logistik GmbH'],
    ])('calls %j against %j no match', (given, registered) => {
      expect(matchPayeeName(given, registered)).toEqual({ result: 'no-match' });
    });
  });
});
