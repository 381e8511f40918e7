/**
 * What two payee names are compared by: compatibility-normalised, case-folded, letters and digits only
 * ("ACME GmbH", "Acme G.m.b.H." and "ＡＣＭＥ gmbh" are one name). Two payees under one name with different
 * IBANs are the classic mule-account trick, which banks' payee checks flag.
 */
export function payeeNameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('und').replace(/[^\p{L}\p{N}]+/gu, '');
}
