import { parseEvent } from '@lambda/schemas';
import { toKafkaMessages } from './kafka-message.js';
import { orderEvent } from './testing/order-event.js';

describe('toKafkaMessages', () => {
  it('keys by entity, keeps the event as received and adds type, version and ingest time', () => {
    const received = { ...orderEvent({ order_id: 'o-7', schema_version: 2 }), channel: null };
    const parsed = parseEvent(received);
    if (!parsed.ok) throw new Error('fixture must be valid');
    expect(toKafkaMessages([{ event: parsed.event, received }], 1714557600123)).toEqual([
      {
        key: 'o-7',
        value: JSON.stringify(received),
        headers: { 'event-type': 'order', 'schema-version': '2', 'ingested-at': '1714557600123' },
      },
    ]);
  });
});
