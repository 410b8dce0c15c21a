import { STACK_HOST } from './ports.js';

export interface ClickhouseServerSettings {
  readonly httpPort: number;
  readonly tcpPort: number;
  /** Folder for data, tmp, user files and format schemas. */
  readonly dataDir: string;
  readonly usersFile: string;
  readonly serverLogFile: string;
}

/**
 * A complete server config in the `<yandex>` dialect of Debian's ClickHouse 18.16. There is no
 * interserver_http_port, which leaves replication's HTTP endpoint switched off.
 */
export function clickhouseConfigXml(settings: ClickhouseServerSettings): string {
  const folder = (name: string): string => xmlText(`${settings.dataDir}/${name}/`);
  return `<?xml version="1.0"?>
<yandex>
    <logger>
        <level>information</level>
        <log>${xmlText(settings.serverLogFile)}</log>
        <size>100M</size>
        <count>3</count>
    </logger>
    <listen_host>${STACK_HOST}</listen_host>
    <http_port>${settings.httpPort}</http_port>
    <tcp_port>${settings.tcpPort}</tcp_port>
    <path>${xmlText(`${settings.dataDir}/`)}</path>
    <tmp_path>${folder('tmp')}</tmp_path>
    <user_files_path>${folder('user_files')}</user_files_path>
    <format_schema_path>${folder('format_schemas')}</format_schema_path>
    <users_config>${xmlText(settings.usersFile)}</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <max_concurrent_queries>100</max_concurrent_queries>
    <mark_cache_size>268435456</mark_cache_size>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
</yandex>
`;
}

/** The `default` user, without a password, reachable from loopback only. */
export function clickhouseUsersXml(maxMemoryUsageBytes: number): string {
  return `<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>${maxMemoryUsageBytes}</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>::1</ip>
                <ip>127.0.0.1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
`;
}

function xmlText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
