import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows a burst of one second, then refills at the rate, per id', () => {
    let now = 0;
    const take = createRateLimiter(() => now);
    for (let i = 0; i < 4; i++) expect(take('a', 4)).toEqual({ allowed: true });
    expect(take('a', 4)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(take('b', 4)).toEqual({ allowed: true });
    now += 250;
    expect(take('a', 4)).toEqual({ allowed: true });
    expect(take('a', 4).allowed).toBe(false);
  });

  it('asks slow keys to wait as long as a token takes', () => {
    let now = 0;
    const take = createRateLimiter(() => now);
    expect(take('slow', 0.2)).toEqual({ allowed: true });
    expect(take('slow', 0.2)).toEqual({ allowed: false, retryAfterSeconds: 5 });
    now += 5000;
    expect(take('slow', 0.2)).toEqual({ allowed: true });
  });
});
