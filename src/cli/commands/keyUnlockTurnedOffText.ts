/**
 * After a rekey: the hardware keys that no longer unlock the vault (their slot wrapped the old data key, and
 * only the key itself, in the window, can make a new one). Empty when none did.
 */
export function keyUnlockTurnedOffText(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  const [keys, slots] = ids.length === 1 ? ['hardware key', 'its slot'] : ['hardware keys', 'their slots'];
  return `\nUnlocking with ${keys} ${ids.join(', ')} was turned off: ${slots} wrapped the old data key. Turn it on again in the desktop app (\`coffer app\`); until then, unlock with the password.\n`;
}
