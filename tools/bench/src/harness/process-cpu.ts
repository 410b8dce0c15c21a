import { readFileSync } from 'node:fs';
import { processTree } from './process-memory.js';

/** Linux reports process times in clock ticks; USER_HZ is 100 on every common build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) used so far by a process and its descendants, from /proc. */
export function cpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // utime and stime are fields 14 and 15 of stat; index 0 here is field 3.
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks / TICKS_PER_SECOND;
}
