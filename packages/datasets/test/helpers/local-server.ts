import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A throwaway HTTP server on 127.0.0.1 serving fixed bodies; `/cut/...` ends the response early. */
export async function serveFiles(
  files: Record<string, Uint8Array>,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (path.startsWith('/cut/')) {
      // Promise 1000 bytes, send 10, then drop the connection: the client sees a broken body.
      res.writeHead(200, { 'content-length': '1000' });
      res.write(new Uint8Array(10));
      setTimeout(() => res.destroy(), 5);
      return;
    }
    const body = files[path];
    if (body === undefined) {
      res.writeHead(404, 'Not Found');
      res.end();
      return;
    }
    res.writeHead(200, { 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
