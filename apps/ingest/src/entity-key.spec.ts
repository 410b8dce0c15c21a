import { eventSchemas, parseEvent } from '@lambda/schemas';
import { entityKeyFields, entityKeyOf } from './entity-key.js';
import { orderEvent } from './testing/order-event.js';

describe('entity keys', () => {
  it('name a required field of every version of every event type', () => {
    for (const schema of eventSchemas) {
      const field = schema.fields[entityKeyFields[schema.type]];
      expect({ schema: `${schema.type} v${schema.version}`, optional: field?.optional }).toEqual({
        schema: `${schema.type} v${schema.version}`,
        optional: false,
      });
    }
  });

  it('key an order event by its order_id', () => {
    const parsed = parseEvent(orderEvent({ order_id: 'o-42' }));
    expect(parsed.ok && entityKeyOf(parsed.event)).toBe('o-42');
  });
});
