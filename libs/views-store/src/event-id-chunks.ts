/**
 * speed_view keeps the event_ids a row applied in `event_id_chunks`: each write adds one blob
 * holding the ids new since the previous write, so a row grows by one cell per flush, not one per
 * event (`event_ids`, a set of text, cost the driver and Cassandra a cell per event and view:
 * ADR 10). A blob is each id's UTF-8 bytes after its byte length as two bytes (an id is at most
 * 128 UTF-16 units, 384 bytes, and well-formed: UTF-8 gives it back exactly).
 */
const LENGTH_BYTES = 2;
const MAX_UTF8_PER_UNIT = 3;

/** One chunk holding `ids`, in order. */
export function packEventIds(ids: readonly string[]): Buffer {
  let capacity = 0;
  for (const id of ids) capacity += LENGTH_BYTES + id.length * MAX_UTF8_PER_UNIT;
  const chunk = Buffer.allocUnsafe(capacity);
  let at = 0;
  for (const id of ids) {
    const length = chunk.write(id, at + LENGTH_BYTES, 'utf8');
    chunk.writeUInt16BE(length, at);
    at += LENGTH_BYTES + length;
  }
  return chunk.subarray(0, at);
}

function unpackInto(ids: string[], chunk: Buffer) {
  for (let at = 0; at < chunk.length; ) {
    const end = at + LENGTH_BYTES + chunk.readUInt16BE(at);
    ids.push(chunk.toString('utf8', at + LENGTH_BYTES, end));
    at = end;
  }
}

/**
 * Every event_id a speed_view row holds: its chunks, and the `event_ids` of a row written before
 * chunks existed (such rows live as long as the row TTL after an upgrade).
 */
export function storedEventIds(row: Readonly<Record<string, unknown>>): string[] {
  const ids = [...((row['event_ids'] as readonly string[] | null | undefined) ?? [])];
  for (const chunk of (row['event_id_chunks'] as readonly Buffer[] | null | undefined) ?? [])
    unpackInto(ids, chunk);
  return ids;
}
