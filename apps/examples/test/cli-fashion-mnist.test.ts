/**
 * `--data DIR`: chapter 9's comparison on Fashion-MNIST from Debian's dataset-fashion-mnist. The
 * images are checked against the IDX files decoded here independently (node:zlib and the IDX
 * header read by hand); the run against what any working training must show (losses starting at
 * ln 10, the cross-entropy of a uniform guess, and test accuracies far above the 10% of chance).
 * With CI=true the run reads 640 images (10 steps an epoch), otherwise 3,200.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fashionMnistImages, findFashionMnist } from '../src/cli/fashion-mnist';
import { runCli } from '../src/cli/run-cli';

const DIR = '/usr/share/datasets/fashion-mnist';
const LIMIT = process.env.CI === 'true' ? 640 : 3200;
const root = mkdtempSync(join(tmpdir(), 'descent-cli-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sink(): { write(t: string): boolean; text: () => string; isTTY: boolean } {
  const parts: string[] = [];
  return { write: (t: string) => parts.push(t) > 0, text: () => parts.join(''), isTTY: false };
}

function requireData(): void {
  if (!existsSync(join(DIR, 'train-images-idx3-ubyte.gz'))) {
    throw new Error(`Fashion-MNIST is missing from ${DIR}: install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist)`);
  }
}

/** The bytes after an IDX header (magic, then one big-endian uint32 per dim), gunzipped here. */
function idxBody(file: string): { dims: number[]; body: Uint8Array } {
  const bytes = gunzipSync(readFileSync(join(DIR, file)));
  const rank = bytes[3] as number;
  const dims = Array.from({ length: rank }, (_, d) => bytes.readUInt32BE(4 + 4 * d));
  return { dims, body: bytes.subarray(4 + 4 * rank) };
}

describe('the CLI on Fashion-MNIST (--data)', () => {
  it('reads the four files into [n, 1, 28, 28] pixels in [0, 1] and int32 labels, as the IDX files hold them', async () => {
    requireData();
    const data = await fashionMnistImages(DIR, { limit: 100 });
    expect(data.name).toBe('Fashion-MNIST');
    expect(data.train.x.shape).toEqual([100, 1, 28, 28]);
    expect(data.test.y.shape).toEqual([100]);
    for (const [set, prefix] of [[data.train, 'train'], [data.test, 't10k']] as const) {
      const images = idxBody(`${prefix}-images-idx3-ubyte.gz`);
      const labels = idxBody(`${prefix}-labels-idx1-ubyte.gz`);
      expect(images.dims).toEqual([prefix === 'train' ? 60000 : 10000, 28, 28]);
      expect(Array.from(set.y.toTypedArray())).toEqual(Array.from(labels.body.subarray(0, 100)));
      const pixels = set.x.toTypedArray();
      for (const i of [0, 1, 783, 784 * 50 + 400, 784 * 100 - 1]) expect(pixels[i]).toBeCloseTo((images.body[i] as number) / 255, 7);
    }
    // The files' first labels, as torchvision lists them: ankle boot, T-shirt, T-shirt, dress; ankle boot, pullover, trouser, trouser.
    expect(Array.from(data.train.y.toTypedArray()).slice(0, 4)).toEqual([9, 0, 0, 3]);
    expect(Array.from(data.test.y.toTypedArray()).slice(0, 4)).toEqual([9, 2, 1, 1]);
    expect(data.classes[9]).toBe('Ankle boot');
    // The parent folder works too.
    expect(findFashionMnist('/usr/share/datasets')[0]).toBe(join(DIR, 'train-images-idx3-ubyte.gz'));
  });

  it(`runs chapter 9's comparison on ${LIMIT} images and writes its results`, async () => {
    requireData();
    const out = join(root, 'run');
    const stdout = sink();
    const stderr = sink();
    const code = await runCli(['--chapter', 'convnet', '--data', DIR, '--data-limit', String(LIMIT), '--out', out, '--quiet'], { stdout, stderr, cwd: root });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      chapters: { convnet: { data: string; trainSize: number; testSize: number; runs: { optimizer: string; firstLosses: number[]; testAccuracy: number[] }[] } };
    };
    const ch9 = results.chapters.convnet;
    expect(ch9.data).toBe('Fashion-MNIST');
    expect(ch9.trainSize).toBe(LIMIT);
    expect(ch9.testSize).toBe(LIMIT);
    expect(ch9.runs.map((r) => r.optimizer)).toEqual(['SGD', 'Momentum', 'RMSprop', 'Adam']);
    for (const r of ch9.runs) {
      // Small initial weights: the first loss is the uniform guess's ln 10 = 2.3026.
      expect(Math.abs((r.firstLosses[0] as number) - Math.log(10))).toBeLessThan(0.05);
      // Two epochs, a point every ⌈steps an epoch / 4⌉ steps and one at the end.
      const steps = Math.ceil(LIMIT / 64);
      expect(r.testAccuracy).toHaveLength(Math.ceil((2 * steps) / Math.ceil(steps / 4)));
    }
    // The adaptive optimizers learn the ten classes far above chance (10%) within two epochs.
    for (const name of ['RMSprop', 'Adam']) {
      const run = ch9.runs.find((r) => r.optimizer === name);
      expect(run?.testAccuracy.at(-1)).toBeGreaterThan(0.5);
    }
    expect(existsSync(join(out, 'ch9-filters.svg'))).toBe(true);
  }, 600_000);

  it('rejects a folder without the files, and a limit without a folder, with exit code 2', async () => {
    const stderr = sink();
    expect(await runCli(['--chapter', 'convnet', '--data', join(root, 'nowhere'), '--out', join(root, 'x')], { stdout: sink(), stderr, cwd: root })).toBe(2);
    expect(stderr.text()).toContain(`--data: ${join(root, 'nowhere')} does not hold Fashion-MNIST (missing train-images-idx3-ubyte.gz`);
    const again = sink();
    expect(await runCli(['--data-limit', '10'], { stdout: sink(), stderr: again, cwd: root })).toBe(2);
    expect(again.text()).toBe('--data-limit: only with --data <dir>\n');
    const zero = sink();
    expect(await runCli(['--data', DIR, '--data-limit', '0'], { stdout: sink(), stderr: zero, cwd: root })).toBe(2);
    expect(zero.text()).toBe('--data-limit: expected a positive integer, got "0"\n');
  });
});
