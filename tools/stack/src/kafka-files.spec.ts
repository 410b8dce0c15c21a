import { kafkaLog4jProperties, kafkaServerProperties } from './kafka-files.js';

function parseProperties(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'))
    .map((line): [string, string] => [
      line.slice(0, line.indexOf('=')),
      line.slice(line.indexOf('=') + 1),
    ]);
  return new Map(entries);
}

describe('kafkaServerProperties', () => {
  const properties = parseProperties(
    kafkaServerProperties({ port: 19092, controllerPort: 19093, logDir: '/stack/kafka/data' }),
  );

  it('runs one KRaft node as broker and controller on loopback', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093');
    expect(properties.get('listeners')).toBe(
      'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
    );
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(properties.get('log.dirs')).toBe('/stack/kafka/data');
  });

  it('fits internal topics to a single node and never auto-creates topics', () => {
    expect(properties.get('offsets.topic.replication.factor')).toBe('1');
    expect(properties.get('transaction.state.log.replication.factor')).toBe('1');
    expect(properties.get('transaction.state.log.min.isr')).toBe('1');
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('num.partitions')).toBe('1');
  });
});

describe('kafkaLog4jProperties', () => {
  it('logs to the console, which is the log file', () => {
    expect(kafkaLog4jProperties()).toContain(
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    );
  });
});
