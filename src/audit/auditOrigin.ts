/**
 * The C2SP origin line of a vault's log, also the name of its checkpoint key. The vault names its log by
 * it, and the bank's witness accepts a device's checkpoints only under its enrolled vault's origin.
 */
export function auditOrigin(vaultId: string): string {
  return `coffer.vault/${vaultId}`;
}
