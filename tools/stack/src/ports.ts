import net from 'node:net';

export const STACK_HOST = '127.0.0.1';

/** Free means we could bind it ourselves, which also catches a server bound to 0.0.0.0. */
export function isPortFree(port: number, host = STACK_HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export function acceptsConnections(
  port: number,
  host = STACK_HOST,
  timeoutMs = 1000,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const settle = (connected: boolean): void => {
      socket.destroy();
      resolve(connected);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}
