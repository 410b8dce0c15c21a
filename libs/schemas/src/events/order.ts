import { defineEventSchema } from '../define-event-schema.js';
import { field, optional } from '../field.js';

const orderV1Fields = {
  order_id: field.string({ maxLength: 128 }),
  merchant_id: field.string({ maxLength: 128 }),
  customer_id: field.string({ maxLength: 128 }),
  /** Minor units (cents); negative for corrections. */
  amount_minor: field.integer(),
  currency: field.currency(),
  status: field.enumOf(['created', 'completed', 'cancelled', 'refunded']),
  coupon_code: optional(field.string({ maxLength: 64 })),
  channel: optional(field.enumOf(['web', 'app', 'store'])),
};

export const orderV1 = defineEventSchema({ type: 'order', version: 1, fields: orderV1Fields });

export const orderV2 = defineEventSchema({
  type: 'order',
  version: 2,
  fields: { ...orderV1Fields, loyalty_tier: optional(field.string({ maxLength: 64 })) },
});
