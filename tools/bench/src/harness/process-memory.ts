import { readFileSync, readdirSync } from 'node:fs';

const parentOf = (pid: string): string | undefined => {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
  } catch {
    return undefined;
  }
};

/** The process and all its descendants (e.g. tsx and the node process it starts). */
export function processTree(root: number): number[] {
  const all = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  const tree = new Set([String(root)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of all)
      if (!tree.has(pid) && tree.has(parentOf(pid) ?? '')) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree].map(Number);
}

/**
 * Resident memory in MiB of the largest process of a tree, from /proc (Linux): `VmHWM` is the
 * peak since the process started, `VmRSS` the current size.
 */
export function residentMiB(root: number, field: 'VmHWM' | 'VmRSS'): number {
  const sizes = processTree(root).map((pid) => {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
        readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  });
  return Math.max(0, ...sizes);
}

/** Peak resident set in MiB of the largest process of a tree. */
export const peakRssMiB = (root: number) => residentMiB(root, 'VmHWM');
