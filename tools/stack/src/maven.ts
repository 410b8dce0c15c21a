import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { StoreLayout } from './layout.js';
import { run } from './process.js';
import { withHeartbeat, type Progress } from './progress.js';

export interface MavenArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

const COPY_DEPENDENCIES =
  'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies';

/** A pom whose only job is to list the artifacts whose runtime classpath we want copied. */
export function runtimePom(projectName: string, artifacts: readonly MavenArtifact[]): string {
  const dependencies = artifacts
    .map(
      ({ groupId, artifactId, version }) =>
        `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.stack</groupId>
  <artifactId>${projectName}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies}
  </dependencies>
</project>
`;
}

/**
 * Copies the artifacts' runtime jars into `layout.lib`. The lib folder is reused as long as the pom
 * that produced it is unchanged; it only appears once mvn succeeded, so an interrupted fetch is redone.
 */
export async function fetchRuntimeJars(
  layout: StoreLayout,
  artifacts: readonly MavenArtifact[],
  javaHome: string,
  progress: Progress,
): Promise<void> {
  const pom = runtimePom(`${path.basename(layout.root)}-runtime`, artifacts);
  const pomFile = path.join(layout.root, 'pom.xml');
  if (existsSync(layout.lib) && existsSync(pomFile) && readFileSync(pomFile, 'utf8') === pom) {
    progress(`using ${readdirSync(layout.lib).length} cached jars in ${layout.lib}`);
    return;
  }
  mkdirSync(layout.root, { recursive: true });
  writeFileSync(pomFile, pom);
  const partialLib = `${layout.lib}.partial`;
  rmSync(partialLib, { recursive: true, force: true });
  rmSync(layout.lib, { recursive: true, force: true });
  const mvnArgs = [
    '-B',
    '-q',
    COPY_DEPENDENCIES,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${partialLib}`,
  ];
  await withHeartbeat(progress, 'fetching jars from Maven Central', () =>
    run('mvn', mvnArgs, {
      cwd: layout.root,
      logFile: layout.installLog,
      env: { ...process.env, JAVA_HOME: javaHome },
    }),
  );
  renameSync(partialLib, layout.lib);
  progress(`fetched ${readdirSync(layout.lib).length} jars into ${layout.lib}`);
}
