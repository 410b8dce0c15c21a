import { PlatformError, retry } from './index.js';

const transient = () => new PlatformError('busy', { code: 'busy', retriable: true });

describe('retry', () => {
  it('retries retriable errors until the operation succeeds', async () => {
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw transient();
        return 'done';
      },
      { initialDelayMs: 1 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up at once on a non-retriable error', async () => {
    let calls = 0;
    const fatal = new PlatformError('bad', { code: 'bad' });
    await expect(
      retry(
        async () => {
          calls++;
          throw fatal;
        },
        { initialDelayMs: 1 },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it('stops after the configured number of attempts', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw transient();
        },
        { attempts: 4, initialDelayMs: 1 },
      ),
    ).rejects.toThrow('busy');
    expect(calls).toBe(4);
  });
});
