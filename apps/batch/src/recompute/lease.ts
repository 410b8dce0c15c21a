import { cassandraError, type CassandraClient } from '@lambda/cassandra';
import { PlatformError, sleep } from '@lambda/errors';
import type { Logger } from '@lambda/telemetry';

export interface LeaseOptions {
  client: CassandraClient;
  /** What is being leased, e.g. one view version. */
  name: string;
  /** Who holds it: unique per run. */
  owner: string;
  ttlSeconds: number;
  logger: Logger;
}

export interface Lease {
  /** Throws unless the lease is still ours: checked before the write that makes a run visible. */
  assertHeld(): void;
  release(): Promise<void>;
}

const ACQUIRE =
  'INSERT INTO batch_lease (name, owner, acquired_at) VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?';
const RENEW =
  'UPDATE batch_lease USING TTL ? SET owner = ?, acquired_at = ? WHERE name = ? IF owner = ?';
const RELEASE = 'DELETE FROM batch_lease WHERE name = ? IF owner = ?';

async function applied(
  client: CassandraClient,
  query: string,
  params: unknown[],
  name: string,
): Promise<boolean> {
  try {
    return (await client.execute(query, params)).first()?.['[applied]'] === true;
  } catch (error) {
    throw cassandraError('batch lease', error, { name });
  }
}

/**
 * A Cassandra lightweight-transaction lease: at most one holder per name. The holder renews it
 * every third of its TTL; a holder that dies simply lets it expire.
 */
export async function tryAcquireLease(options: LeaseOptions): Promise<Lease | undefined> {
  const { client, name, owner, ttlSeconds, logger } = options;
  if (!(await applied(client, ACQUIRE, [name, owner, new Date(), ttlSeconds], name)))
    return undefined;
  let lost = false;
  let renewedAtMs = Date.now();
  const renewal = setInterval(
    () => {
      applied(client, RENEW, [ttlSeconds, owner, new Date(), name, owner], name).then(
        (renewed) => {
          if (renewed) renewedAtMs = Date.now();
          else lost = true;
        },
        (error: unknown) => logger.warn({ err: error, name }, 'lease renewal failed; will retry'),
      );
    },
    (ttlSeconds * 1000) / 3,
  );
  renewal.unref();
  return {
    assertHeld() {
      if (lost || Date.now() - renewedAtMs >= ttlSeconds * 1000)
        throw new PlatformError(`lost the lease ${name}`, {
          code: 'lease_lost',
          context: { name, owner },
        });
    },
    async release() {
      clearInterval(renewal);
      await applied(client, RELEASE, [name, owner], name);
    },
  };
}

/** Waits (polling) up to `waitMs` for the lease to become free. */
export async function acquireLease(
  options: LeaseOptions & { waitMs: number; pollMs?: number },
): Promise<Lease | undefined> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const lease = await tryAcquireLease(options);
    if (lease || Date.now() >= deadline) return lease;
    await sleep(Math.min(options.pollMs ?? 1_000, Math.max(0, deadline - Date.now())));
  }
}
