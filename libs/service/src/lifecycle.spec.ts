import { Writable } from 'node:stream';
import { createLogger } from '@lambda/telemetry';
import { createLifecycle } from './index.js';

const logger = createLogger({
  service: 'spec',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

describe('createLifecycle', () => {
  it('runs stop steps once, in reverse registration order, even if one fails', async () => {
    const lifecycle = createLifecycle(logger);
    const order: string[] = [];
    lifecycle.onStop('stores', () => {
      order.push('stores');
    });
    lifecycle.onStop('consumer', () => {
      order.push('consumer');
      throw new Error('already gone');
    });
    lifecycle.onStop('http', async () => {
      order.push('http');
    });
    expect(lifecycle.stopping).toBe(false);
    await Promise.all([lifecycle.stop('SIGTERM'), lifecycle.stop('SIGINT')]);
    expect(lifecycle.stopping).toBe(true);
    expect(order).toEqual(['http', 'consumer', 'stores']);
  });
});
