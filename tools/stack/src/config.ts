import { existsSync } from 'node:fs';
import path from 'node:path';
import { javaBinary, javaMajorVersion } from './java.js';

export interface StackConfig {
  readonly stackDir: string;
  readonly javaHome: string;
  readonly kafka: { readonly port: number; readonly controllerPort: number; readonly heap: string };
  readonly cassandra: {
    readonly port: number;
    readonly storagePort: number;
    readonly heap: string;
  };
  readonly clickhouse: {
    readonly httpPort: number;
    readonly tcpPort: number;
    readonly maxMemoryUsageBytes: number;
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {}

export const DEFAULT_JAVA_HOME = '/usr/lib/jvm/java-17-openjdk-amd64';
/** Cassandra 5.0 runs on Java 11 and 17 only; Kafka 3.9 is happy with either. */
const SUPPORTED_JAVA_MAJORS = [11, 17];

export function loadConfig(env: Env, repoRoot: string): StackConfig {
  const readPort = uniquePortReader(env);
  return {
    stackDir: path.resolve(repoRoot, readEnv(env, 'STACK_DIR') ?? '.stack'),
    javaHome: resolveJavaHome(env),
    kafka: {
      port: readPort('STACK_KAFKA_PORT', 9092),
      controllerPort: readPort('STACK_KAFKA_CONTROLLER_PORT', 9093),
      heap: readHeap(env, 'STACK_KAFKA_HEAP', '512m'),
    },
    cassandra: {
      port: readPort('STACK_CASSANDRA_PORT', 9042),
      storagePort: readPort('STACK_CASSANDRA_STORAGE_PORT', 7000),
      heap: readHeap(env, 'STACK_CASSANDRA_HEAP', '1g'),
    },
    clickhouse: {
      httpPort: readPort('STACK_CLICKHOUSE_HTTP_PORT', 8123),
      tcpPort: readPort('STACK_CLICKHOUSE_TCP_PORT', 9000),
      maxMemoryUsageBytes: readPositiveInteger(env, 'STACK_CLICKHOUSE_MAX_MEMORY', 2_000_000_000),
    },
  };
}

/** Reads port variables and rejects a port already claimed by a variable read before it. */
function uniquePortReader(env: Env): (variable: string, fallback: number) => number {
  const variableByPort = new Map<number, string>();
  return (variable, fallback) => {
    const port = readPort(env, variable, fallback);
    const claimedBy = variableByPort.get(port);
    if (claimedBy !== undefined) {
      throw new ConfigError(
        `${claimedBy} and ${variable} are both ${port}; every store needs its own ports`,
      );
    }
    variableByPort.set(port, variable);
    return port;
  };
}

/** An empty variable counts as unset, so `STACK_X= npm run stack` falls back to the default. */
function readEnv(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readPort(env: Env, variable: string, fallback: number): number {
  const raw = readEnv(env, variable);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(
      `${variable} must be a TCP port number between 1 and 65535 (got "${raw}")`,
    );
  }
  return port;
}

function readHeap(env: Env, variable: string, fallback: string): string {
  const raw = readEnv(env, variable);
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*[kmg]$/i.test(raw)) {
    throw new ConfigError(`${variable} must be a JVM heap size such as 512m or 1g (got "${raw}")`);
  }
  return raw;
}

function readPositiveInteger(env: Env, variable: string, fallback: number): number {
  const raw = readEnv(env, variable);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || !Number.isSafeInteger(value)) {
    throw new ConfigError(`${variable} must be a positive whole number of bytes (got "${raw}")`);
  }
  return value;
}

function resolveJavaHome(env: Env): string {
  const explicit = readEnv(env, 'STACK_JAVA_HOME');
  const fromJavaHome = existsSync(DEFAULT_JAVA_HOME) ? undefined : readEnv(env, 'JAVA_HOME');
  const javaHome = explicit ?? fromJavaHome ?? DEFAULT_JAVA_HOME;
  const source =
    explicit === undefined && fromJavaHome !== undefined ? 'JAVA_HOME' : 'STACK_JAVA_HOME';
  if (!existsSync(javaBinary(javaHome))) {
    throw new ConfigError(
      `${source}: no Java at ${javaBinary(javaHome)}; set STACK_JAVA_HOME to a JDK 17`,
    );
  }
  const major = javaMajorVersion(javaHome);
  if (major !== undefined && !SUPPORTED_JAVA_MAJORS.includes(major)) {
    throw new ConfigError(
      `${source}: ${javaHome} is Java ${major}, but Cassandra 5.0 needs Java 11 or 17`,
    );
  }
  return javaHome;
}
