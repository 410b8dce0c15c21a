import { createClickHouseClient, queryRows } from '@lambda/clickhouse';
import { clickhouseSection, loadConfig } from '@lambda/config';
import fc from 'fast-check';
import { literal } from './index.js';

const { clickhouse: config } = loadConfig({ clickhouse: clickhouseSection });
const client = createClickHouseClient(config, { database: 'default' });
afterAll(() => client.close());

const echo = async (value: string) => {
  const [row] = await queryRows<{ value: string }>(client, `SELECT ${literal(value)} AS value`);
  return row?.value;
};

describe('literal against the real ClickHouse', () => {
  it.each([
    "'; DROP TABLE events_order; --",
    "\\'); SELECT 1; --",
    'back\\slash at the end\\',
    'nul\0inside',
    'tab\tnewline\nreturn\rbell\x07del\x7f',
    'ünïcödé 商店 😀',
  ])('reads %j back unchanged', async (value) => {
    await expect(echo(value)).resolves.toBe(value);
  });

  it('reads any well-formed string back unchanged', async () => {
    const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom("'", '\\', '\0', '\n', '`', '"', '?'), anyCodePoint),
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        expect(await echo(value)).toBe(value);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
