import { clickhouseConfigXml, clickhouseUsersXml } from './clickhouse-files.js';

describe('clickhouseConfigXml', () => {
  const xml = clickhouseConfigXml({
    httpPort: 18123,
    tcpPort: 19000,
    dataDir: '/stack/clickhouse/data',
    usersFile: '/stack/clickhouse/conf/users.xml',
    serverLogFile: '/stack/clickhouse/logs/clickhouse-server.log',
  });

  it('uses the <yandex> root that ClickHouse 18.16 expects', () => {
    expect(xml).toMatch(/<yandex>[\s\S]*<\/yandex>\n$/);
  });

  it('listens on loopback on the configured ports, with no interserver port', () => {
    expect(xml).toContain('<listen_host>127.0.0.1</listen_host>');
    expect(xml).toContain('<http_port>18123</http_port>');
    expect(xml).toContain('<tcp_port>19000</tcp_port>');
    expect(xml).not.toContain('interserver_http_port');
  });

  it('keeps every path under the stack folder, with the trailing slash ClickHouse needs', () => {
    expect(xml).toContain('<path>/stack/clickhouse/data/</path>');
    expect(xml).toContain('<tmp_path>/stack/clickhouse/data/tmp/</tmp_path>');
    expect(xml).toContain(
      '<format_schema_path>/stack/clickhouse/data/format_schemas/</format_schema_path>',
    );
    expect(xml).toContain('<users_config>/stack/clickhouse/conf/users.xml</users_config>');
    expect(xml).toContain('<log>/stack/clickhouse/logs/clickhouse-server.log</log>');
  });
});

describe('clickhouseUsersXml', () => {
  const xml = clickhouseUsersXml(123456789);

  it('caps query memory in the default profile', () => {
    expect(xml).toContain('<max_memory_usage>123456789</max_memory_usage>');
  });

  it('lets the passwordless default user in from loopback only', () => {
    expect(xml).toContain('<password></password>');
    expect(xml).toContain('<ip>::1</ip>');
    expect(xml).toContain('<ip>127.0.0.1</ip>');
    expect(xml).not.toContain('::/0');
  });
});
