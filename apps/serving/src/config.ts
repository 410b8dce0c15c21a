import { z } from 'zod';
import { apiKeysSection } from '@lambda/auth';
import {
  cassandraSection,
  envInt,
  httpSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

const servingSection = z
  .object({
    SERVING_MAX_WINDOWS: envInt(1000, { min: 1, max: 100_000 }),
    SERVING_STATE_TTL_MS: envInt(1000, { max: 60_000 }),
    SERVING_SPEED_CACHE_MS: envInt(1000, { max: 60_000 }),
    SERVING_SETTLED_CACHE_MS: envInt(10_000, { max: 3_600_000 }),
    SERVING_CACHE_ENTRIES: envInt(10_000, { max: 1_000_000 }),
    SERVING_FRESH_MAX_AGE_S: envInt(5, { max: 3600 }),
    SERVING_SETTLED_MAX_AGE_S: envInt(60, { max: 86_400 }),
  })
  .transform((e) => ({
    /** Most windows one series or total request may span. */
    maxWindows: e.SERVING_MAX_WINDOWS,
    /** What serving may reuse across requests instead of reading Cassandra again (0 disables). */
    caches: {
      /** view_state and speed_progress. */
      stateTtlMs: e.SERVING_STATE_TTL_MS,
      /** Speed rows of one key and range: bounds how much later than Cassandra speed numbers show. */
      speedRowsTtlMs: e.SERVING_SPEED_CACHE_MS,
      /**
       * Settled rows of one key and range. A new run or any view_state write misses at once; the
       * TTL bounds how late rows rewritten in place under the same run (targeted recomputes) show.
       */
      settledRowsTtlMs: e.SERVING_SETTLED_CACHE_MS,
      /** Keys and ranges remembered per row cache, least recently used forgotten first. */
      maxEntries: e.SERVING_CACHE_ENTRIES,
    },
    /** Cache-Control max-age of answers holding speed windows, which change by the second. */
    freshMaxAgeS: e.SERVING_FRESH_MAX_AGE_S,
    /** Cache-Control max-age of answers batch alone served, which change once per run. */
    settledMaxAgeS: e.SERVING_SETTLED_MAX_AGE_S,
  }));

export const loadServingConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8082),
    telemetry: telemetrySection,
    cassandra: cassandraSection,
    serving: servingSection,
    auth: apiKeysSection,
  });
