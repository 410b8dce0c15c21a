import { queryRows } from '@lambda/clickhouse';
import {
  fromMasterRow,
  identifier,
  literal,
  masterTableName,
  type MasterDelivery,
} from '@lambda/schemas';
import type { View } from '@lambda/transforms';
import type { ComparisonRange } from '../compare/comparison-range.js';
import type { ResultsDatabase } from './view-keys.js';

const IDS_PER_QUERY = 1_000;

/**
 * Every delivery of the given events from the master dataset (speed_late_events stores only
 * their ids). The events lie in windows of the range, so the time bound lets ClickHouse read only
 * the range's granules of a table sorted by event time.
 */
export async function lateDeliveries(
  { client, database }: ResultsDatabase,
  view: View,
  eventIds: readonly string[],
  { fromMs, toMs }: ComparisonRange,
): Promise<MasterDelivery[]> {
  const deliveries: MasterDelivery[] = [];
  const table = `${identifier(database)}.${identifier(masterTableName(view.source.type))}`;
  for (let i = 0; i < eventIds.length; i += IDS_PER_QUERY) {
    const ids = eventIds.slice(i, i + IDS_PER_QUERY).map(literal);
    const rows = await queryRows<Record<string, unknown>>(
      client,
      `SELECT * FROM ${table}
       WHERE occurred_at_ms >= ${literal(fromMs)} AND occurred_at_ms < ${literal(toMs)}
         AND event_id IN (${ids.join(', ')})`,
    );
    for (const row of rows) {
      const delivery = fromMasterRow(view.source.type, row);
      if (delivery) deliveries.push(delivery);
    }
  }
  return deliveries;
}
