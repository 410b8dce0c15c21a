import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function javaBinary(javaHome: string): string {
  return path.join(javaHome, 'bin', 'java');
}

/** Every jar in the folder, in the JVM's own wildcard syntax. */
export function classpathOf(libDir: string): string {
  return path.join(libDir, '*');
}

/** Reads the major version from the JDK's `release` file; undefined when the file is missing or unusual. */
export function javaMajorVersion(javaHome: string): number | undefined {
  let release: string;
  try {
    release = readFileSync(path.join(javaHome, 'release'), 'utf8');
  } catch {
    return undefined;
  }
  const match = /^JAVA_VERSION="(\d+)/m.exec(release);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function findJar(libDir: string, artifactId: string): string {
  const jar = readdirSync(libDir).find(
    (name) => name.startsWith(`${artifactId}-`) && name.endsWith('.jar'),
  );
  if (jar === undefined) throw new Error(`no ${artifactId} jar in ${libDir}`);
  return path.join(libDir, jar);
}
