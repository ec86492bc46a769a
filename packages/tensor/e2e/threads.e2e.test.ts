import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Result {
  error?: string;
  isolated: boolean;
  shared: boolean | null;
  defaultThreads: number;
  ready: boolean;
  identical: boolean;
  errorOne: number;
  errorTwo: number;
}

/** Serves the page and the bundle on 127.0.0.1, with or without the cross-origin isolation headers. */
async function serve(bundle: string, isolated: boolean): Promise<{ server: Server; url: string }> {
  const headers: Record<string, string> = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', ...headers });
      res.end(bundle);
    } else {
      res.writeHead(200, { 'content-type': 'text/html', ...headers });
      res.end('<!doctype html><meta charset="utf-8"><script type="module" src="/bundle.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe.skipIf(!hasChromium)(`matmul threads in Chromium (${hasChromium ? CHROMIUM : 'skipped: no Chromium; set CHROMIUM_PATH'})`, () => {
  let bundle = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    const output = (await build({
      configFile: false,
      logLevel: 'error',
      build: {
        write: false,
        minify: false,
        lib: { entry: fileURLToPath(new URL('./threads-entry.ts', import.meta.url)), formats: ['es'], fileName: 'bundle' },
      },
    })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
    const chunk = (Array.isArray(output) ? output[0]! : output).output[0];
    bundle = chunk.type === 'chunk' ? chunk.code : '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function run(isolated: boolean): Promise<Result> {
    const { server, url } = await serve(bundle, isolated);
    try {
      const page = await browser!.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: 60_000 });
      const result = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as Result;
      expect(errors).toEqual([]);
      await page.close();
      return result;
    } finally {
      server.close();
    }
  }

  it('a cross-origin-isolated page runs large matmuls on Web Workers, with the one-thread result', async () => {
    const result = await run(true);
    expect(result.error).toBeUndefined();
    expect(result.isolated).toBe(true);
    expect(result.shared).toBe(true);
    expect(result.ready).toBe(true);
    // Rows are split between threads, each row computed by the same kernel: bit for bit the same.
    expect(result.identical).toBe(true);
    // Against a float64 reference of the same product (K = 256 terms of magnitude ≤ 1).
    expect(result.errorOne).toBeLessThan(1e-5);
    expect(result.errorTwo).toBeLessThan(1e-5);
  });

  it('a page without isolation has no shared memory and stays on one thread, still correct', async () => {
    const result = await run(false);
    expect(result.error).toBeUndefined();
    expect(result.isolated).toBe(false);
    expect(result.shared).toBe(false);
    expect(result.ready).toBe(false);
    expect(result.identical).toBe(true);
    expect(result.errorTwo).toBeLessThan(1e-5);
  });
});
