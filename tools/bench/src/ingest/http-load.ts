import autocannon from 'autocannon';

export interface HttpLoadResult {
  /** 2xx answers, and per second. */
  ok: number;
  okPerSecond: number;
  p99Ms: number;
  /** Non-2xx answers, connection errors and timeouts. */
  failed: number;
}

/** autocannon POSTing the bodies in turn to /v1/events for `seconds`. */
export async function httpLoad(options: {
  url: string;
  token: string;
  bodies: readonly string[];
  connections: number;
  seconds: number;
}): Promise<HttpLoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.token}`,
        },
        setupRequest: (request) => ({
          ...request,
          body: options.bodies[next++ % options.bodies.length],
        }),
      },
    ],
  });
  return {
    ok: result['2xx'],
    okPerSecond: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
