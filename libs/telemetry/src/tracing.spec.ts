import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('startTracing with an OTLP endpoint', () => {
  it('records spans and exports them to <endpoint>/v1/traces', async () => {
    const received: { path: string; bytes: number }[] = [];
    const collector = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        received.push({ path: req.url ?? '', bytes });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    try {
      const { stdout } = await run(process.execPath, [
        '--import',
        'tsx',
        path.join(__dirname, 'testing', 'export-one-span.ts'),
        `http://127.0.0.1:${port}`,
      ]);
      expect(JSON.parse(stdout)).toEqual({ recording: true });
    } finally {
      collector.close();
    }
    expect(received).toEqual([{ path: '/v1/traces', bytes: expect.any(Number) }]);
    expect(received[0]?.bytes).toBeGreaterThan(0);
  });
});
