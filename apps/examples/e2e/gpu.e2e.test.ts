import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/**
 * Headless Chromium exposes WebGPU with this flag alone: a SwiftShader (software Vulkan) fallback
 * adapter, even with `--disable-gpu`; `--use-angle=swiftshader` and `--enable-features=Vulkan` are
 * not needed. Without it `navigator.gpu` exists but `requestAdapter()` resolves null. WebGPU needs a
 * secure context: the page is served on 127.0.0.1 (about:blank has no `navigator.gpu`).
 */
const WEBGPU = '--enable-unsafe-webgpu';

/** Final epoch losses of the same digits run on the GPU and the CPU agree to this (relative). */
const LOSS_RTOL = 1e-3;

describe.skipIf(!hasChromium)(
  `the page's CPU / GPU switch in Chromium (${hasChromium ? CHROMIUM : `skipped: no Chromium at ${CHROMIUM}; set CHROMIUM_PATH`})`,
  () => {
    let outDir = '';
    let server: Server | undefined;
    let url = '';
    const browsers: Browser[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      outDir = mkdtempSync(join(tmpdir(), 'descent-gpu-page-'));
      await build({
        configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
        build: { outDir, emptyOutDir: true },
        logLevel: 'error',
      });
      ({ server, url } = await serveStatic(outDir));
    }, 300_000);

    afterAll(async () => {
      for (const b of browsers) await b.close();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    /** Opens the page in a fresh Chromium and waits for the digits demo to know about the GPU. */
    async function openPage(args: string[]): Promise<Page> {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args });
      browsers.push(browser);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(120_000);
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      await page.goto(`${url}?lang=en#ch4`);
      await page.waitForSelector('[data-gpu-checked="true"] select[data-control="device"]', {
        timeout: 240_000,
      });
      return page;
    }

    /**
     * Trains the digits MLP with Adam on `device`: the final loss and the status line the page
     * shows, and the longest the main thread was busy during the first 3 s of the run (the longest
     * delay of a chain of 20 ms timers).
     */
    async function trainOn(
      page: Page,
      device: 'cpu' | 'webgpu',
    ): Promise<{ loss: number; text: string; longestBlockMs: number }> {
      await page.locator('#digits-optimizer').selectOption('Adam');
      await page.locator('#digits-device').selectOption(device);
      await page.locator('[data-action="train-digits"]').click();
      const longestBlockMs = await page.evaluate(async () => {
        let longest = 0;
        const end = performance.now() + 3000;
        while (performance.now() < end) {
          const t = performance.now();
          await new Promise((r) => setTimeout(r, 20));
          longest = Math.max(longest, performance.now() - t - 20);
        }
        return longest;
      });
      const status = page.locator(`[data-digits-loss][data-device="${device}"][data-done="true"]`);
      await status.waitFor({ timeout: 120_000 });
      const loss = Number(await status.getAttribute('data-last'));
      const first = Number(await status.getAttribute('data-first'));
      // The loss fell over the run (8 epochs of 45 batches).
      expect(loss).toBeLessThan(first / 2);
      return { loss, text: (await status.textContent()) ?? '', longestBlockMs };
    }

    it('offers the GPU with WebGPU, trains on it, and ends at the CPU run’s loss', async () => {
      const page = await openPage([...ARGS, WEBGPU]);
      const gpu = page.locator('#digits-device option[value="webgpu"]');
      expect(await gpu.isDisabled()).toBe(false);
      expect(await page.locator('#digits-device').getAttribute('title')).toBeNull();
      const t0 = performance.now();
      const onGPU = await trainOn(page, 'webgpu');
      const gpuSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const onCPU = await trainOn(page, 'cpu');
      const cpuSeconds = (performance.now() - t1) / 1000;
      console.log(
        `digits, Adam, 8 epochs: GPU (SwiftShader) final loss ${onGPU.loss} in ${gpuSeconds.toFixed(1)} s ` +
          `(main thread blocked at most ${onGPU.longestBlockMs.toFixed(0)} ms at a time); ` +
          `CPU ${onCPU.loss} in ${cpuSeconds.toFixed(1)} s`,
      );
      // Training on the GPU awaits each step's loss, so the page keeps handling events: far from
      // the whole run (an epoch of 45 updates takes about 2 s here) in one blocking task.
      expect(onGPU.longestBlockMs).toBeLessThan(1000);
      expect(onGPU.text).toMatch(/^GPU · /);
      expect(onCPU.text).toMatch(/^CPU · /);
      expect(Math.abs(onGPU.loss - onCPU.loss)).toBeLessThanOrEqual(LOSS_RTOL * onCPU.loss);
      // Both live runs are drawn on the loss chart, the GPU's under its own name.
      const legend = page.locator('[data-figure="ch4-digits-loss"] .role-legend-label text');
      const names = await legend.allTextContents();
      expect(names).toContain('Adam (live, GPU)');
      expect(names).toContain('Adam (live)');
      // Every optimizer of the chapter steps on the GPU (AdaGrad and RMSprop have fused GPU
      // updates), so the switch stays enabled for each, with no reason shown.
      for (const name of ['AdaGrad', 'RMSprop', 'SGD']) {
        await page.locator('#digits-optimizer').selectOption(name);
        expect(await gpu.isDisabled()).toBe(false);
      }
      // The convnet (chapter 9) trains on the GPU too (the same run as the CPU's is checked in
      // test/webgpu/convnet-gpu.test.ts).
      const convnet = page.locator('section[data-chapter="9"] [data-gpu-checked="true"]');
      await convnet.waitFor({ timeout: 240_000 });
      const convGPU = convnet.locator('#convnet-device option[value="webgpu"]');
      expect(await convGPU.isDisabled()).toBe(false);
      await convnet.locator('#convnet-device').selectOption('webgpu');
      // RMSprop steps on the GPU too: it stays enabled there.
      const rmsprop = convnet.locator('input[data-convnet-optimizer="RMSprop"]');
      expect(await rmsprop.isDisabled()).toBe(false);
      for (const name of ['SGD', 'Momentum', 'RMSprop'])
        await convnet.locator(`input[data-convnet-optimizer="${name}"]`).uncheck();
      await convnet.locator('input[data-control="convnet-epochs"]').fill('1');
      await convnet.locator('[data-action="train-convnet"]').click();
      // A few Adam updates on the GPU, then Stop: the run ends cleanly.
      await page.waitForFunction(
        () =>
          Number(document.querySelector('[data-convnet-status]')?.getAttribute('data-steps')) >= 3,
        undefined,
        { timeout: 120_000 },
      );
      await convnet.locator('[data-action="stop-convnet"]').click();
      const status = convnet.locator('[data-convnet-status][data-done="true"]');
      await status.waitFor({ timeout: 60_000 });
      expect(await status.getAttribute('data-device')).toBe('webgpu');
      console.log(
        `convnet switch: GPU enabled; ${await status.getAttribute('data-steps')} Adam updates on it, then Stop`,
      );
      expect(consoleErrors).toEqual([]);
    }, 300_000);

    it('disables the GPU, with the reason, when Chromium has no WebGPU adapter', async () => {
      const page = await openPage([...ARGS, '--disable-gpu']);
      const select = page.locator('#digits-device');
      expect(await select.locator('option[value="webgpu"]').isDisabled()).toBe(true);
      expect(await select.inputValue()).toBe('cpu');
      const reason =
        'GPU unavailable: no WebGPU adapter was found (requestAdapter() returned null)';
      expect(await page.locator('[data-device-reason]').first().textContent()).toBe(reason);
      expect(await select.getAttribute('title')).toBe(reason);
      expect(consoleErrors).toEqual([]);
    }, 300_000);
  },
);
