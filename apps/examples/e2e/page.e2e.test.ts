import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAPTERS } from '../src/chapters/index';
import { serveStatic } from './static-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Screenshots land in SCREENSHOT_DIR when set (to look at them), else in the build's temp folder. */
const keepShots = process.env.SCREENSHOT_DIR;

describe.skipIf(!hasChromium)(
  `the page in Chromium (${hasChromium ? CHROMIUM : `skipped: no Chromium at ${CHROMIUM}; set CHROMIUM_PATH`})`,
  () => {
    let outDir = '';
    let shotDir = '';
    let server: Server | undefined;
    let url = '';
    let browser: Browser | undefined;
    let page: Page;
    const consoleErrors: string[] = [];
    const foreignRequests: string[] = [];

    beforeAll(async () => {
      outDir = mkdtempSync(join(tmpdir(), 'descent-page-'));
      shotDir = keepShots ?? mkdtempSync(join(tmpdir(), 'descent-shots-'));
      await build({
        configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
        build: { outDir, emptyOutDir: true },
        logLevel: 'error',
      });
      ({ server, url } = await serveStatic(outDir));
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      // A loaded 2-core CI machine renders slowly: give every wait a generous bound.
      page.setDefaultTimeout(60_000);
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      page.on('request', (r) => {
        if (!r.url().startsWith(url) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
      });
      await page.goto(`${url}?lang=en`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      if (outDir) rmSync(outDir, { recursive: true, force: true });
      if (shotDir && shotDir !== keepShots) rmSync(shotDir, { recursive: true, force: true });
    });

    it('loads with no console errors and no request leaving the page', () => {
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    });

    it.each(CHAPTERS.map((c) => [c.number, c.unavailable === null]))(
      'chapter %i draws its charts (or says it is not available)',
      async (n, available) => {
        const section = page.locator(`section[data-chapter="${n}"]`);
        if (!available) {
          await expect(section.locator('.unavailable').count()).resolves.toBe(1);
          return;
        }
        const charts = await section.locator('.chart svg').count();
        expect(charts).toBeGreaterThan(0);
        // A drawn chart has marks, not just an empty frame.
        const marks = await section.locator('.chart svg path, .chart svg line').count();
        expect(marks).toBeGreaterThan(charts);
      },
    );

    it('redraws the learning-rate chart when the slider moves', async () => {
      const chart = page.locator('[data-figure="ch5-explore"]');
      const before = await chart.innerHTML();
      const renders = Number(await chart.getAttribute('data-rendered'));
      await page.locator('section[data-chapter="5"] input[data-control="lr"]').fill('0.2');
      await page.waitForFunction(
        (r) =>
          Number(
            document.querySelector('[data-figure="ch5-explore"]')?.getAttribute('data-rendered'),
          ) > r,
        renders,
      );
      expect(await chart.innerHTML()).not.toBe(before);
      expect(await chart.innerHTML()).toContain('lr = 0.2');
    });

    it('re-runs the three modes of chapter 1 when the batch-size and lr sliders move', async () => {
      const chart = page.locator('[data-figure="ch1-loss-vs-iterations"]');
      for (const [control, value] of [
        ['batch-size', '4'],
        ['lr', '0.1'],
      ] as const) {
        const before = await chart.innerHTML();
        const renders = Number(await chart.getAttribute('data-rendered'));
        await page
          .locator(`section[data-chapter="1"] input[data-control="${control}"]`)
          .fill(value);
        await page.waitForFunction(
          (r) =>
            Number(
              document
                .querySelector('[data-figure="ch1-loss-vs-iterations"]')
                ?.getAttribute('data-rendered'),
            ) > r,
          renders,
        );
        expect(await chart.innerHTML()).not.toBe(before);
      }
    });

    it('redraws the EWA chart when the β slider moves', async () => {
      const chart = page.locator('[data-figure="ch3-ewa"]');
      const before = await chart.innerHTML();
      await page.locator('section[data-chapter="3"] input[data-control="beta"]').fill('0.3');
      await page.waitForFunction(
        (b) => document.querySelector('[data-figure="ch3-ewa"]')?.innerHTML !== b,
        before,
      );
      expect(await chart.innerHTML()).toContain('β = 0.3');
    });

    it('re-runs the optimizer race when the momentum slider moves, and animates it', async () => {
      const chart = page.locator('[data-figure="ch4-race-bowl"]');
      const status = page.locator('[data-race-step]');
      const before = await chart.innerHTML();
      await page.locator('section[data-chapter="4"] input[data-control="momentum"]').fill('0.5');
      await page.waitForFunction(
        (b) => document.querySelector('[data-figure="ch4-race-bowl"]')?.innerHTML !== b,
        before,
        { timeout: 45_000 },
      );
      // The race is drawn at its last step; playing restarts it from step 0 and runs to the end.
      const last = Number(await status.getAttribute('data-race-step'));
      await page.locator('[data-action="race"]').click();
      await page.waitForFunction(
        (end) =>
          Number(document.querySelector('[data-race-step]')?.getAttribute('data-race-step')) < end,
        last,
        { timeout: 45_000 },
      );
      const mid = await chart.innerHTML();
      await page.waitForFunction(
        (end) =>
          Number(document.querySelector('[data-race-step]')?.getAttribute('data-race-step')) ===
          end,
        last,
        { timeout: 90_000 },
      );
      expect(await chart.innerHTML()).not.toBe(mid);
    }, 180_000);

    it('explores every scheduler: picking one and changing an option redraws the schedule', async () => {
      const chart = page.locator('[data-figure="ch6-explore"]');
      const renders = async (): Promise<number> =>
        Number(await chart.getAttribute('data-rendered'));
      const before = await renders();
      await page.locator('select[data-control="scheduler"]').selectOption('CyclicLR');
      await page.waitForFunction(
        (r) =>
          Number(
            document.querySelector('[data-figure="ch6-explore"]')?.getAttribute('data-rendered'),
          ) > r,
        before,
      );
      expect(await chart.innerHTML()).toContain('CyclicLR');
      const options = await page.locator('section[data-chapter="6"] [data-option]').count();
      // CyclicLR: baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode,
      // cycleMomentum, baseMomentum, maxMomentum (lastEpoch only matters when resuming).
      expect(options).toBe(11);
      const redrawn = async (act: () => Promise<unknown>): Promise<string> => {
        const r = await renders();
        const html = await chart.innerHTML();
        await act();
        await page.waitForFunction(
          (n) =>
            Number(
              document.querySelector('[data-figure="ch6-explore"]')?.getAttribute('data-rendered'),
            ) > n,
          r,
        );
        const now = await chart.innerHTML();
        expect(now).not.toBe(html);
        return now;
      };
      const section = page.locator('section[data-chapter="6"]');
      await redrawn(() => section.locator('select[data-option="mode"]').selectOption('exp_range'));
      await redrawn(() => section.locator('select[data-option="scaleFn"]').selectOption('1/x'));
      // The optimizer's initial lr and the run's length apply to every scheduler.
      expect(
        await redrawn(() => section.locator('input[data-control="lr0"]').fill('0.5')),
      ).toContain('lr₀ = 0.5');
      await redrawn(() => section.locator('input[data-control="epochs"]').fill('100'));
    });

    it('lowers the loss when training in the page', async () => {
      await page.locator('[data-action="train"]').first().click();
      const status = page.locator('[data-live-loss]');
      await page.waitForSelector('[data-live-loss][data-done="true"]', { timeout: 30_000 });
      const first = Number(await status.getAttribute('data-first'));
      const last = Number(await status.getAttribute('data-last'));
      expect(last).toBeLessThan(first / 10);
    });

    it('trains the MLP on digits in the page, with a live loss curve that falls', async () => {
      const chart = page.locator('[data-figure="ch4-digits-live"]');
      const before = await chart.innerHTML();
      await page.locator('[data-action="train-digits"]').click();
      await page.waitForSelector('[data-digits-loss][data-done="true"]', { timeout: 60_000 });
      const status = page.locator('[data-digits-loss]');
      expect(Number(await status.getAttribute('data-last'))).toBeLessThan(
        Number(await status.getAttribute('data-first')),
      );
      expect(await chart.innerHTML()).not.toBe(before);
    }, 120_000);

    it('steps through back-propagation', async () => {
      await page.locator('[data-action="bp-step"]').click();
      await expect(
        page.locator('[data-backprop-step]').getAttribute('data-backprop-step'),
      ).resolves.toBe('1');
      // The worked example: after one update E_total = 0.291027774 (published, exact float64).
      await expect(page.locator('[data-backprop-step]').innerText()).resolves.toContain(
        '0.291027774',
      );
    });

    it('races the zoo: another function, another optimizer, redrawn', async () => {
      const section = page.locator('section[data-chapter="7"]');
      await section.locator('select[data-control="zoo-function"]').selectOption('beale');
      // The page draws the first function; picking another redraws the charts with its contours.
      await page.waitForSelector('section[data-chapter="7"] .interactive [data-figure="ch7-beale-paths"]');
      const chart = page.locator('[data-figure="ch7-beale-paths"]');
      await expect(chart.innerHTML()).resolves.toContain('Beale');
      const before = await chart.innerHTML();
      await section.locator('input[data-optimizer="Muon"]').check();
      await page.waitForFunction(
        (b) => document.querySelector('[data-figure="ch7-beale-paths"]')?.innerHTML !== b,
        before,
        { timeout: 45_000 },
      );
      expect(await chart.innerHTML()).toContain('Muon');
      expect(consoleErrors).toEqual([]);
    }, 120_000);

    it('switches to Chinese and fits a phone-width screen', async () => {
      await page.screenshot({ path: join(shotDir, 'page-desktop.png'), fullPage: false });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.selectOption('#lang', 'zh');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await expect(page.locator('h1').innerText()).resolves.toContain('教程');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(shotDir, 'page-phone.png'), fullPage: false });
      expect(consoleErrors).toEqual([]);
    }, 120_000);
  },
);
