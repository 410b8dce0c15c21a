import { Client as CassandraClient } from 'cassandra-driver';
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { STACK_HOST, acceptsConnections } from './ports.js';

export interface ReadinessWait {
  readonly isReady: () => Promise<boolean>;
  readonly isAlive: () => boolean;
  readonly timeoutMs: number;
  readonly pollMs?: number;
}

export async function waitUntilReady({
  isReady,
  isAlive,
  timeoutMs,
  pollMs = 1000,
}: ReadinessWait): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isReady())) {
    if (!isAlive()) throw new Error('the process exited before it was ready');
    if (Date.now() >= deadline) throw new Error(`not ready after ${Math.round(timeoutMs / 1000)}s`);
    await delay(pollMs);
  }
}

/** The broker opens its port only once it serves, but a metadata answer proves the controller is up too. */
export async function kafkaAnswers(port: number): Promise<boolean> {
  if (!(await acceptsConnections(port))) return false;
  const admin = new Kafka({
    clientId: 'stack-readiness',
    brokers: [`${STACK_HOST}:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

export async function cassandraAnswers(port: number): Promise<boolean> {
  if (!(await acceptsConnections(port))) return false;
  const client = new CassandraClient({
    contactPoints: [`${STACK_HOST}:${port}`],
    // SimpleSnitch puts the node in datacenter1; the driver refuses to guess it.
    localDataCenter: 'datacenter1',
    socketOptions: { connectTimeout: 2000, readTimeout: 5000 },
  });
  try {
    await client.execute('SELECT release_version FROM system.local');
    return true;
  } catch {
    return false;
  } finally {
    await client.shutdown();
  }
}

export function clickhousePingAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: STACK_HOST, port, path: '/ping', timeout: 2000 },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(response.statusCode === 200 && body.trim() === 'Ok.'));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
