import { ConfigError, loadConfig } from '@lambda/config';
import { reconciliationSection } from './config.js';

describe('reconciliation config', () => {
  it('defaults to the documented thresholds and schedule', () => {
    expect(loadConfig({ r: reconciliationSection }, {}).r).toMatchObject({
      intervalMs: 900_000,
      thresholds: { warningRatio: 0.005, criticalRatio: 0.02 },
      pinOnCritical: true,
      controlTopic: 'lambda.control.v1',
    });
  });

  it('refuses a warning threshold above the critical one', () => {
    expect(() =>
      loadConfig(
        { r: reconciliationSection },
        { RECONCILIATION_WARNING_RATIO: '0.1', RECONCILIATION_CRITICAL_RATIO: '0.05' },
      ),
    ).toThrow(ConfigError);
  });
});
