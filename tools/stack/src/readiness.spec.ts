import { waitUntilReady } from './readiness.js';

describe('waitUntilReady', () => {
  it('resolves once the check passes', async () => {
    let checks = 0;
    await waitUntilReady({
      isReady: async () => ++checks === 3,
      isAlive: () => true,
      timeoutMs: 5000,
      pollMs: 1,
    });
    expect(checks).toBe(3);
  });

  it('gives up as soon as the process is gone', async () => {
    await expect(
      waitUntilReady({
        isReady: async () => false,
        isAlive: () => false,
        timeoutMs: 5000,
        pollMs: 1,
      }),
    ).rejects.toThrow('the process exited before it was ready');
  });

  it('gives up after the timeout', async () => {
    await expect(
      waitUntilReady({ isReady: async () => false, isAlive: () => true, timeoutMs: 20, pollMs: 5 }),
    ).rejects.toThrow('not ready after 0s');
  });
});
