import net from 'node:net';
import { acceptsConnections, isPortFree } from './ports.js';

function listen(): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as net.AddressInfo).port }),
    );
  });
}

describe('ports', () => {
  it('reports a listened-on port as taken and connectable, then free once closed', async () => {
    const { server, port } = await listen();
    expect(await isPortFree(port)).toBe(false);
    expect(await acceptsConnections(port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await isPortFree(port)).toBe(true);
    expect(await acceptsConnections(port)).toBe(false);
  });
});
