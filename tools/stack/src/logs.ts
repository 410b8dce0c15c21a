import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

/** Enough bytes for a few hundred log lines without reading a whole long-lived log. */
const TAIL_BYTES = 256 * 1024;

/** The last `count` lines of a file; empty when the file does not exist. */
export function tailLines(file: string, count: number): string[] {
  if (!existsSync(file)) return [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    // A cut-off first line is only partial, so drop it unless we read the file from its start.
    if (length < size) lines.shift();
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}
