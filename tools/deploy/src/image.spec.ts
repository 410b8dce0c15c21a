import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from './third-party.js';
import { copyOf, dockerignore, readDockerfile } from './dockerfile.js';
import { apps, chartDir, repoRoot } from './repo.js';

const dockerfile = readDockerfile();
const distOf = (app: string) => path.join(repoRoot, 'dist', 'apps', app);
const rootPackage = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
interface GeneratedPackage {
  name: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const packageOf = (app: string) =>
  JSON.parse(readFileSync(path.join(distOf(app), 'package.json'), 'utf8')) as GeneratedPackage;

const STORE_DRIVERS = ['@clickhouse/client', 'cassandra-driver', 'kafkajs'];

/** Bare package names the bundle requires at run time (node builtins excluded). */
const requiredPackages = (bundle: string) => {
  const builtins = new Set(builtinModules);
  const names = [...bundle.matchAll(/require\("([^"]+)"\)/g)]
    .map((m) => m[1]!)
    .filter((spec) => !spec.startsWith('node:') && !spec.startsWith('.') && !builtins.has(spec))
    .map((spec) =>
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/'),
    );
  return [...new Set(names)].sort();
};

describe('the app images', () => {
  beforeAll(() => {
    // The Dockerfile's build stage runs exactly this, one app at a time.
    execFileSync(
      path.join(repoRoot, 'node_modules', '.bin', 'nx'),
      ['run-many', '-t', 'build', '-p', apps.join(','), '--outputStyle=static'],
      { cwd: repoRoot, stdio: 'pipe', timeout: 300_000 },
    );
  }, 320_000);

  describe('Dockerfile', () => {
    const runtime = dockerfile.filter((i) => i.stage === 'runtime');

    it('builds with nx, installs production dependencies only, and runs on Node 24 LTS', () => {
      expect(
        dockerfile.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args,
      ).toMatch(/^NODE_IMAGE=node:24[.-]/);
      expect(dockerfile.some((i) => i.stage === 'build' && /nx build "\$APP"/.test(i.args))).toBe(
        true,
      );
      expect(dockerfile.some((i) => i.stage === 'deps' && /npm ci --omit=dev/.test(i.args))).toBe(
        true,
      );
      expect(dockerfile.map((i) => i.keyword)).not.toContain('HEALTHCHECK');
    });

    it('runs as the non-root user the chart runs the pods as', () => {
      const user = runtime.find((i) => i.keyword === 'USER')?.args;
      const values = parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) as {
        podSecurityContext: { runAsUser: number; runAsGroup: number };
      };
      const { runAsUser, runAsGroup } = values.podSecurityContext;
      expect(user).toBe(`${runAsUser}:${runAsGroup}`);
      expect(runAsUser).toBeGreaterThan(0);
    });

    it('copies from the build context only what .dockerignore keeps', () => {
      const ignored = dockerignore();
      for (const { from, sources } of dockerfile.filter((i) => i.keyword === 'COPY').map(copyOf)) {
        if (from) continue;
        for (const source of sources) {
          expect(existsSync(path.join(repoRoot, source))).toBe(true);
          expect(ignored).not.toContain(source.replace(/\/$/, ''));
        }
      }
      expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.tools']));
    });

    it.each(apps)('copies into the %s image exactly what `nx build` produced', (app) => {
      const copied = dockerfile
        .filter((i) => i.keyword === 'COPY')
        .map(copyOf)
        .filter((c) => c.from === 'build')
        .flatMap((c) => c.sources)
        .map((source) => source.replace('${APP}', app).replace(/^\/workspace\//, ''));
      expect(copied).toEqual(
        expect.arrayContaining([
          `dist/apps/${app}/main.js`,
          `dist/apps/${app}/package.json`,
          `dist/apps/${app}/package-lock.json`,
        ]),
      );
      for (const file of copied) expect(existsSync(path.join(repoRoot, file))).toBe(true);
    });
  });

  describe.each(apps)('the %s build', (app) => {
    it('bundles the workspace libs and leaves npm packages external', () => {
      const bundle = readFileSync(path.join(distOf(app), 'main.js'), 'utf8');
      expect(bundle).not.toMatch(/require\("@lambda\//);
      expect(bundle).toContain('// libs/');
      expect(packageOf(app).main).toBe('./main.js');
    });

    // nx lists the npm imports of every file of the libs an app uses, their integration tests
    // included: an image may carry a store driver its bundle never loads (disk, not memory).
    it('lists the production packages the bundle requires, at the workspace versions', () => {
      const bundle = readFileSync(path.join(distOf(app), 'main.js'), 'utf8');
      const generated = packageOf(app);
      const listed = Object.keys(generated.dependencies);
      const required = requiredPackages(bundle);
      expect(listed).toEqual(expect.arrayContaining(required));
      const unused = listed.filter((name) => !required.includes(name));
      expect(unused.filter((name) => !STORE_DRIVERS.includes(name))).toEqual([]);
      for (const [name, version] of Object.entries(generated.dependencies))
        expect({ name, version }).toEqual({ name, version: rootPackage.dependencies[name] });
      expect(generated.devDependencies ?? {}).toEqual({});
    });

    it('ships a lock file matching its package.json, so `npm ci` can install it', () => {
      const lock = JSON.parse(
        readFileSync(path.join(distOf(app), 'package-lock.json'), 'utf8'),
      ) as {
        lockfileVersion: number;
        packages: Record<string, { dependencies?: Record<string, string>; dev?: boolean }>;
      };
      expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
      expect(lock.packages['']?.dependencies).toEqual(packageOf(app).dependencies);
    });
  });

  describe('an image layout (npm ci --omit=dev next to main.js, nothing else)', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    // Installs once per distinct lock file, as the deps stage would, outside the repo so that
    // nothing resolves from the workspace's node_modules.
    const installed = new Map<string, string>();
    const imageLayout = (app: string) => {
      // Apps whose locks pin the same packages (names aside) share one install.
      const lock = JSON.parse(
        readFileSync(path.join(distOf(app), 'package-lock.json'), 'utf8'),
      ) as {
        packages: Record<string, unknown>;
      };
      const pinned = Object.entries(lock.packages).filter(([where]) => where !== '');
      const key = createHash('sha256').update(JSON.stringify(pinned)).digest('hex');
      let dir = installed.get(key);
      if (!dir) {
        dir = mkdtempSync(path.join(tmpdir(), 'lambda-image-'));
        dirs.push(dir);
        for (const file of ['package.json', 'package-lock.json'])
          cpSync(path.join(distOf(app), file), path.join(dir, file));
        execFileSync(
          'npm',
          ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
          { cwd: dir, stdio: 'pipe', timeout: 300_000 },
        );
        installed.set(key, dir);
      }
      for (const file of ['main.js', 'main.js.map'])
        cpSync(path.join(distOf(app), file), path.join(dir, file));
      return dir;
    };

    it.each(apps)('%s loads every module and validates its config at start', (app) => {
      const dir = imageLayout(app);
      const result = spawnSync('node', ['--enable-source-maps', 'main.js'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env['PATH'], HTTP_PORT: 'eighty' },
      });
      expect(result.stderr.trim()).toBe(
        `${app}: invalid configuration: HTTP_PORT: expected an integer (got "eighty")`,
      );
      expect(result.status).toBe(2);
    });
  });
});
