import { z } from 'zod';
import {
  ConfigError,
  clickhouseSection,
  envNumber,
  httpSection,
  kafkaSection,
  loadConfig,
} from './index.js';

describe('loadConfig', () => {
  it('applies defaults for local development', () => {
    const config = loadConfig({ http: httpSection(8080), kafka: kafkaSection }, {});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.sasl).toBeUndefined();
  });

  it('names the variable and the bad value', () => {
    expect(() => loadConfig({ http: httpSection(8080) }, { HTTP_PORT: 'eighty' })).toThrow(
      'HTTP_PORT: expected an integer (got "eighty")',
    );
  });

  it('reads decimal numbers within bounds', () => {
    const section = z.object({ RATIO: envNumber(0.5, { min: 0, max: 1 }) });
    expect(loadConfig({ s: section }, {}).s.RATIO).toBe(0.5);
    expect(loadConfig({ s: section }, { RATIO: '0.005' }).s.RATIO).toBe(0.005);
    expect(() => loadConfig({ s: section }, { RATIO: '5e-3' })).toThrow(
      'RATIO: expected a decimal number (got "5e-3")',
    );
    expect(() => loadConfig({ s: section }, { RATIO: '2' })).toThrow(/^.*RATIO: /);
  });

  it('reports every bad variable in one error', () => {
    try {
      loadConfig(
        { http: httpSection(8080), clickhouse: clickhouseSection },
        { HTTP_PORT: '70000', CLICKHOUSE_URL: 'nope' },
      );
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^HTTP_PORT: /);
      expect(problems[1]).toMatch(/^CLICKHOUSE_URL: expected a URL/);
    }
  });

  it('requires store credentials in production', () => {
    expect(() => loadConfig({ kafka: kafkaSection }, { LAMBDA_ENV: 'production' })).toThrow(
      /KAFKA_SSL: required when LAMBDA_ENV=production/,
    );
    const config = loadConfig(
      { kafka: kafkaSection },
      {
        LAMBDA_ENV: 'production',
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: 'secret',
      },
    );
    expect(config.kafka.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'svc',
      password: 'secret',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ http: httpSection(8080) }, { HTTP_PORT: '' }).http.port).toBe(8080);
  });
});
