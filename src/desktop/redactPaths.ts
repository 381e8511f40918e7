import { homedir, tmpdir } from 'node:os';

/**
 * Takes the machine's paths out of a message for the renderer: the vault folder, the home and temp
 * directories become placeholders (a VAULT_IO message names the file it could not write).
 */
export function redactPaths(message: string, vaultDir: string): string {
  const known: [string, string][] = [
    [vaultDir, '‹vault›'],
    [tmpdir(), '‹temp›'],
    [homedir(), '~'],
  ];
  let text = message;
  for (const [path, shown] of known.filter(([p]) => p.length > 1).sort((a, b) => b[0].length - a[0].length)) text = text.split(path).join(shown);
  return text;
}
