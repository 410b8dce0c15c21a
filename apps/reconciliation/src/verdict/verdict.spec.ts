import { PIN_REASON_PREFIX, pinActionFor, severityOf } from './verdict.js';

const thresholds = { warningRatio: 0.005, criticalRatio: 0.02 };

describe('severityOf', () => {
  it('is strictly above each threshold, as the alert rules are', () => {
    expect(severityOf(0, thresholds)).toBe('ok');
    expect(severityOf(0.005, thresholds)).toBe('ok');
    expect(severityOf(0.0051, thresholds)).toBe('warning');
    expect(severityOf(0.02, thresholds)).toBe('warning');
    expect(severityOf(0.021, thresholds)).toBe('critical');
  });
});

describe('pinActionFor', () => {
  const unpinned = { pinnedToBatch: false, pinnedReason: null };
  const ours = { pinnedToBatch: true, pinnedReason: `${PIN_REASON_PREFIX} drift` };
  const operators = { pinnedToBatch: true, pinnedReason: 'incident 42' };

  it('pins on critical drift when configured to, once', () => {
    expect(pinActionFor('critical', unpinned, true)).toBe('pin');
    expect(pinActionFor('critical', unpinned, false)).toBe('none');
    expect(pinActionFor('critical', ours, true)).toBe('none');
  });

  it('lifts its own pin after a clean run only, and never an operator\u2019s', () => {
    expect(pinActionFor('ok', ours, true)).toBe('unpin');
    expect(pinActionFor('warning', ours, true)).toBe('none');
    expect(pinActionFor('ok', operators, true)).toBe('none');
    expect(pinActionFor('ok', unpinned, true)).toBe('none');
  });
});
