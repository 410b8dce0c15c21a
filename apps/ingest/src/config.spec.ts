import { loadIngestConfig } from './config.js';

describe('loadIngestConfig', () => {
  it('defaults to the platform topics and the documented limits', () => {
    expect(loadIngestConfig({}).ingest).toEqual({
      maxEvents: 1000,
      maxBodyBytes: 1024 * 1024,
      produceTimeoutMs: 5000,
      maxInFlightEvents: 50_000,
      rawTopic: 'events.raw.v1',
      dlqTopic: 'events.dlq.v1',
    });
  });

  it('refuses an in-flight bound that a full request could never fit in', () => {
    expect(() =>
      loadIngestConfig({ INGEST_MAX_EVENTS: '500', INGEST_MAX_IN_FLIGHT_EVENTS: '100' }),
    ).toThrow(/INGEST_MAX_IN_FLIGHT_EVENTS: must be at least INGEST_MAX_EVENTS/);
  });

  it('needs API keys in production', () => {
    expect(() => loadIngestConfig({ LAMBDA_ENV: 'production' })).toThrow(
      /API_KEYS: API_KEYS or API_KEYS_FILE is required/,
    );
  });
});
