import { createViewRegistry } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import { customersDaily, revenueV1, revenueV2 } from '../test-support/views.js';
import { defaultVersion, requestedVersion, versionsOf } from './select-version.js';

const registry = createViewRegistry([revenueV2, customersDaily, revenueV1]);
const versions = versionsOf(registry, 'test_revenue_hourly');
const state = (version: number, batchRunId: string | null): ViewState => ({
  viewId: 'test_revenue_hourly',
  version,
  batchRunId,
  batchWatermarkMs: batchRunId ? 0 : null,
  pinnedToBatch: false,
  pinnedReason: null,
  updatedAtMs: null,
});

describe('version selection', () => {
  it('lists a view’s versions oldest first, 404 for an unknown view', () => {
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(() => versionsOf(registry, 'nope')).toThrow(
      expect.objectContaining({ status: 404, code: 'unknown_view' }),
    );
  });

  it('defaults to the highest version batch has published', () => {
    expect(defaultVersion(versions, [state(1, 'r1'), state(2, null)]).version).toBe(1);
    expect(defaultVersion(versions, [state(1, 'r1'), state(2, 'r2')]).version).toBe(2);
  });

  it('defaults to the highest defined version before any publication', () => {
    expect(defaultVersion(versions, [state(1, null), state(2, null)]).version).toBe(2);
  });

  it('serves an explicit version, 404 when undefined, 400 when not a version', () => {
    expect(requestedVersion(versions, '1')).toBe(revenueV1);
    expect(() => requestedVersion(versions, '3')).toThrow(
      expect.objectContaining({
        status: 404,
        code: 'unknown_version',
        message: 'View test_revenue_hourly has no version 3 (defined: 1, 2).',
      }),
    );
    expect(() => requestedVersion(versions, 'v1')).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_version' }),
    );
  });
});
