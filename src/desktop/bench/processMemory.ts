import { readdirSync, readFileSync } from 'node:fs';

/** `root` and every process below it, from /proc (Linux). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Exited while we looked.
    }
  }
  const tree: number[] = [];
  const visit = (pid: number): void => {
    tree.push(pid);
    (children.get(pid) ?? []).forEach(visit);
  };
  visit(root);
  return tree;
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Proportional set size in KiB (smaps_rollup: shared pages divided among their sharers), 0 if gone. */
export function pssKiB(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** PSS of the browser processes below `root` (Chromium and its zygotes, renderers, GPU and utility processes). */
export function browserPssKiB(root: number): { kib: number; processes: number } {
  const browsers = processTree(root).filter((pid) => pid !== root && /chrom/i.test(commOf(pid)));
  return { kib: browsers.reduce((sum, pid) => sum + pssKiB(pid), 0), processes: browsers.length };
}
