import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFiles } from '../../test/helpers/local-server';
import { download } from './download';

const body = new TextEncoder().encode('hello\n');
// Reference digests of "hello\n" (coreutils: `printf 'hello\n' | md5sum` / `sha256sum`).
const MD5 = 'b1946ac92492d2347c6235b4d2611184';
const SHA256 = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';

let server: Awaited<ReturnType<typeof serveFiles>>;
beforeAll(async () => {
  server = await serveFiles({ '/hello.txt': body });
});
afterAll(async () => {
  await server.close();
});

const freshDir = () => mkdtemp(join(tmpdir(), 'descent-dl-'));

describe('download', () => {
  it('fetches, verifies md5 and sha256, and writes the file', async () => {
    const dir = await freshDir();
    const path = join(dir, 'sub', 'hello.txt');
    await expect(
      download(`${server.url}/hello.txt`, path, { md5: MD5, sha256: SHA256 }),
    ).resolves.toBe(path);
    expect(new Uint8Array(await readFile(path))).toEqual(body);
    expect(await readdir(join(dir, 'sub'))).toEqual(['hello.txt']);
  });

  it('keeps a cached copy with the right checksum without fetching again', async () => {
    const dir = await freshDir();
    const path = join(dir, 'hello.txt');
    await writeFile(path, body);
    const before = server.requests.length;
    await download(`${server.url}/hello.txt`, path, { md5: MD5 });
    expect(server.requests.length).toBe(before);
  });

  it('replaces a damaged cached copy', async () => {
    const dir = await freshDir();
    const path = join(dir, 'hello.txt');
    await writeFile(path, 'hel');
    await download(`${server.url}/hello.txt`, path, { sha256: SHA256 });
    expect(
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    ).toBe(SHA256);
  });

  it('rejects a checksum mismatch and leaves nothing in the cache', async () => {
    const dir = await freshDir();
    const url = `${server.url}/hello.txt`;
    await expect(download(url, join(dir, 'hello.txt'), { md5: '0'.repeat(32) })).rejects.toThrow(
      new Error(
        `download: md5 checksum mismatch for ${url}: expected ${'0'.repeat(32)}, got ${MD5}`,
      ),
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports an HTTP error and leaves nothing in the cache', async () => {
    const dir = await freshDir();
    const url = `${server.url}/nope.txt`;
    await expect(download(url, join(dir, 'nope.txt'))).rejects.toThrow(
      new Error(`download: GET ${url} failed with HTTP 404 Not Found`),
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves no partial file when the connection drops mid-body', async () => {
    const dir = await freshDir();
    const url = `${server.url}/cut/big.bin`;
    const error = await download(url, join(dir, 'big.bin')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(`^download: GET ${url} failed while reading the body: `),
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('runs validate before writing: a rejected body leaves nothing, a rejected cached copy is fetched again', async () => {
    const dir = await freshDir();
    const url = `${server.url}/hello.txt`;
    const path = join(dir, 'hello.txt');
    const refuse = () => {
      throw new Error('not what we wanted');
    };
    await expect(download(url, path, { validate: refuse })).rejects.toThrow(
      new Error('not what we wanted'),
    );
    expect(await readdir(dir)).toEqual([]);
    await writeFile(path, 'stale');
    const seen: string[] = [];
    await download(url, path, {
      validate: (bytes, source) => {
        seen.push(source);
        if (new TextDecoder().decode(bytes) === 'stale') throw new Error('stale');
      },
    });
    expect(seen).toEqual([path, url]);
    expect(new Uint8Array(await readFile(path))).toEqual(body);
  });
});
