import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo.js';

/** One instruction of a Dockerfile, continuation lines joined. */
export interface Instruction {
  stage: string;
  keyword: string;
  args: string;
}

export function readDockerfile(file = path.join(repoRoot, 'Dockerfile')): Instruction[] {
  const text = readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
  const instructions: Instruction[] = [];
  let stage = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '';
    instructions.push({ stage, keyword: keyword.toUpperCase(), args });
  }
  return instructions;
}

/** Sources and destination of a COPY, with its --from stage if any. */
export function copyOf(instruction: Instruction) {
  const words = instruction.args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/** The .dockerignore patterns (comments and blanks dropped). */
export const dockerignore = (file = path.join(repoRoot, '.dockerignore')) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
