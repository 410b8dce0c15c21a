import { createViewRegistry } from '../registry.js';
import { merchantRefundsHourly } from './merchant-refunds-hourly.js';
import { merchantRevenueHourly } from './merchant-revenue-hourly.js';
import { merchantUniqueCustomersDaily } from './merchant-unique-customers-daily.js';
import { orderStatus5m } from './order-status-5m.js';

/** Every view the platform computes, in every version still served or being backfilled. */
export const shippedViews = createViewRegistry([
  merchantRevenueHourly,
  merchantUniqueCustomersDaily,
  merchantRefundsHourly,
  orderStatus5m,
]);
