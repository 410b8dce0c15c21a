import { execFileSync } from 'node:child_process';

/** `nx build <app>`: the esbuild bundle its image runs, for `startApp(name, { bundle: true })`. */
export function buildApp(name: string): void {
  execFileSync('npx', ['nx', 'build', name, '--outputStyle=static'], { stdio: 'ignore' });
}
