import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAllClose, loadGolden } from '@descent/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAPTERS } from '../src/chapters/index';
import convnetReference from '../src/chapters/convnet-reference.json';
import { runCli } from '../src/cli/run-cli';

const root = mkdtempSync(join(tmpdir(), 'descent-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sink(): { write(t: string): boolean; text: () => string; isTTY: boolean } {
  const parts: string[] = [];
  return { write: (t: string) => parts.push(t) > 0, text: () => parts.join(''), isTTY: false };
}

interface ResultsFile {
  seed: number;
  lang: string;
  chapters: Record<string, { number?: number; available?: boolean; reason?: string }>;
}

/** The figures each chapter writes: one per figure of the tutorial. */
const FIGURES: Record<number, string[]> = {
  1: ['ch1-loss-vs-iterations', 'ch1-loss-vs-time'],
  2: ['ch2-error', 'ch2-sigmoid-graph', 'ch2-network'],
  3: ['ch3-ewa'],
  4: [
    'ch4-race-bowl',
    'ch4-race-saddle',
    'ch4-race-rosenbrock',
    'ch4-digits-loss',
    'ch4-digits-accuracy',
  ],
  5: ['ch5-lr-0_01', 'ch5-lr-0_1', 'ch5-lr-0_125', 'ch5-lr-0_2', 'ch5-lr-0_3'],
  6: ['ch6-tutorial-schedules', 'ch6-scheduler-grid'],
  7: ['rosenbrock', 'beale', 'himmelblau', 'rastrigin', 'ackley', 'saddle'].flatMap((f) => [`ch7-${f}-paths`, `ch7-${f}-loss`]),
  8: ['ch8-char-lm-loss', 'ch8-char-lm-lr'],
  9: ['ch9-loss', 'ch9-accuracy', 'ch9-filters'],
};

const seedExamples = loadGolden('seed_examples').examples;

/** Key numbers of each chapter's results.json, against references that are not our code. */
const KEY_NUMBERS: Record<number, (r: Record<string, unknown>) => void> = {
  1: (r) => {
    const { table, runs } = r as {
      table: { iterationsPerEpoch: number; iterations10Epochs: number }[];
      runs: { mode: string; iterations: number; finalLoss: number }[];
    };
    // The tutorial's table for N = 50,000, B = 256: 1, 50,000 and ⌈50,000 / 256⌉ = 196 an epoch.
    expect(table.map((t) => [t.iterationsPerEpoch, t.iterations10Epochs])).toEqual([
      [1, 10],
      [50_000, 500_000],
      [196, 1_960],
    ]);
    expect(runs.map((x) => x.iterations)).toEqual([10, 500_000, 1_960]);
    // Mini-batch reaches the noise floor of the data (noise variance 0.1² = 0.01).
    const mini = runs.find((x) => x.mode === 'minibatch');
    expect(mini?.finalLoss).toBeGreaterThan(0.008);
    expect(mini?.finalLoss).toBeLessThan(0.012);
  },
  2: (r) => {
    // The worked example's published ∂E/∂w5 = 0.082167041 and E after 10,000 updates ≈ 3.5101878e-5.
    const { gradients, errorAfter10000 } = r as {
      gradients: { w5: number };
      errorAfter10000: number;
    };
    expect(gradients.w5).toBeCloseTo(0.082167041, 9);
    expect(errorAfter10000).toBeCloseTo(3.5101878e-5, 12);
  },
  3: (r) => {
    const { series, ewa } = r as { series: number[]; ewa: Record<string, number[]> };
    const g = seedExamples.ewa_temperature;
    expect(series).toEqual(g.series);
    expectAllClose(ewa['0.9'] ?? [], g.ewa['0.9'] ?? [], { rtol: 0, atol: 1e-5 });
  },
  4: (r) => {
    const { twoSteps, digits } = r as {
      twoSteps: Record<string, string[]>;
      digits: { testAccuracy: number }[];
    };
    for (const [name, rows] of Object.entries(seedExamples.two_steps))
      expect(twoSteps[name]).toEqual(rows.map((row) => row.line));
    expect(digits).toHaveLength(5);
    for (const d of digits) expect(d.testAccuracy).toBeGreaterThanOrEqual(0.9);
  },
  5: (r) => {
    // x ← (1 − 8·lr)·x from x₀ = 2, four steps: lr 0.1 → 2·0.2⁴ = 0.0032, lr 0.125 → 0.
    const { runs } = r as { runs: { lr: number; xFinal: number }[] };
    expect(runs.find((x) => x.lr === 0.1)?.xFinal).toBeCloseTo(0.0032, 6);
    expect(runs.find((x) => x.lr === 0.125)?.xFinal).toBe(0);
  },
  6: (r) => {
    // After 200 epochs from 0.1 with γ = 0.5: StepLR(50) halves 4 times, MultiStepLR([50, 125,
    // 160]) 3 times; ExponentialLR(0.95) is 0.1·0.95²⁰⁰.
    const { finalLr } = r as { finalLr: Record<string, number> };
    expectAllClose(
      [finalLr.StepLR, finalLr.MultiStepLR, finalLr.ExponentialLR] as number[],
      [0.1 / 16, 0.1 / 8, 0.1 * 0.95 ** 200],
      { rtol: 1e-10, atol: 0 },
    );
  },
  7: (r) => {
    // Converged runs end at a minimiser known from the literature (Jamil & Yang 2013), at f*.
    const known: Record<string, [number, number, number][]> = {
      rosenbrock: [[1, 1, 0]],
      beale: [[3, 0.5, 0]],
      himmelblau: [[3, 2, 0], [-2.805118, 3.131312, 0], [-3.77931, -3.283186, 0], [3.584428, -1.848126, 0]],
      rastrigin: [[0, 0, 0]],
      ackley: [[0, 0, 0]],
      saddle: [[0, 1, -0.25], [0, -1, -0.25]],
    };
    const { functions } = r as {
      functions: Record<string, { runs: Record<string, { converged: boolean; final: { x: number; y: number; f: number } }> }>;
    };
    expect(Object.keys(functions)).toEqual(Object.keys(known));
    let converged = 0;
    for (const [id, minima] of Object.entries(known)) {
      for (const run of Object.values(functions[id]?.runs ?? {})) {
        if (!run.converged) continue;
        converged++;
        const near = minima.some(([x, y, f]) => Math.hypot(run.final.x - x, run.final.y - y) < 0.05 && Math.abs(run.final.f - f) <= 1e-3);
        expect(near).toBe(true);
      }
    }
    expect(converged).toBeGreaterThan(40);
  },
  8: (r) => {
    const { vocabSize, firstLoss, finalLoss, samples } = r as { vocabSize: number; firstLoss: number; finalLoss: number; samples: { step: number; text: string }[] };
    // A fresh model guesses about uniformly: cross-entropy ≈ ln(vocabulary size) nats per character.
    expect(Math.abs(firstLoss - Math.log(vocabSize))).toBeLessThan(0.15);
    expect(finalLoss).toBeLessThan(firstLoss - 1);
    expect(samples.map((x) => x.step)).toEqual([0, 50, 100, 150, 200]);
  },
  9: (r) => {
    // PyTorch 1.13's run of the same convnet, split, batches and optimizers (scripts/convnet-reference.py).
    const { runs } = r as { runs: { optimizer: string; firstLosses: number[]; testAccuracy: number[] }[] };
    const ref = convnetReference.runs as Record<string, { firstLosses: number[]; testAccuracy: number[] }>;
    expect(runs.map((x) => x.optimizer)).toEqual(Object.keys(ref));
    for (const x of runs) {
      expectAllClose(x.firstLosses, ref[x.optimizer]!.firstLosses, { rtol: 1e-5, atol: 1e-6 });
      expectAllClose(x.testAccuracy, ref[x.optimizer]!.testAccuracy, { rtol: 0, atol: 3 / 360 + 1e-9 });
    }
  },
};

describe('the CLI', () => {
  it.each(CHAPTERS.map((c) => [c.number, c.id, c.unavailable === null]))(
    'runs --chapter %i (%s) into a folder',
    async (n, id, available) => {
      const out = join(root, `ch${n}`);
      const stdout = sink();
      const code = await runCli(['--chapter', String(n), '--out', out], {
        stdout,
        stderr: sink(),
        cwd: root,
      });
      expect(code).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsFile;
      expect(Object.keys(results.chapters)).toEqual([id]);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      expect(html).not.toMatch(/(src|href)="https?:/);
      // The report carries the results too, and its contents link to the chapter.
      expect(html).toContain('<summary>results.json</summary>');
      expect(html).toContain(`<li><a href="#ch${n}">${n}. `);
      if (!available) {
        expect(results.chapters[id]?.available).toBe(false);
        expect(stdout.text()).toContain('not available yet');
        return;
      }
      expect(results.chapters[id]?.number).toBe(n);
      KEY_NUMBERS[n]?.(results.chapters[id] as Record<string, unknown>);
      const figures = FIGURES[n] ?? [];
      expect(readdirSync(out).sort()).toEqual(
        [...figures.flatMap((f) => [`${f}.png`, `${f}.svg`]), 'index.html', 'results.json'].sort(),
      );
      for (const f of figures) {
        const svg = readFileSync(join(out, `${f}.svg`), 'utf8');
        expect(svg.startsWith('<svg')).toBe(true);
        // PNG signature, then IHDR's width: the figure at twice its SVG size.
        const png = readFileSync(join(out, `${f}.png`));
        expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const svgWidth = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
        expect(png.readUInt32BE(16)).toBe(2 * svgWidth);
        // The figure is inlined in the offline report, with a link to itself.
        expect(html).toContain(`<figure id="${f}"><svg`);
        expect(html).toContain(`<figcaption><a href="#${f}">`);
      }
    },
  );

  it('writes the golden numbers of chapter 2 to results.json', async () => {
    const out = join(root, 'bp');
    await runCli(['--chapter=backprop', '--out', out, '--quiet'], {
      stdout: sink(),
      stderr: sink(),
      cwd: root,
    });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      chapters: { backprop: { gradients: { w5: number }; errorAfter10000: number } };
    };
    // The worked example's published ∂E/∂w5 = 0.082167041 and E after 10,000 updates ≈ 3.5101878e-5.
    expect(results.chapters.backprop.gradients.w5).toBeCloseTo(0.082167041, 9);
    expect(results.chapters.backprop.errorAfter10000).toBeCloseTo(3.5101878e-5, 12);
  });

  it('takes flags after a literal --, prints nothing with --quiet and labels in Chinese with --lang zh', async () => {
    const quiet = sink();
    // `pnpm start -- --quiet` hands the script a literal `--` (twice, through the root script).
    const code = await runCli(['--', '--', '-c', '5', '--out', join(root, 'q'), '--quiet'], {
      stdout: quiet,
      stderr: sink(),
      cwd: root,
    });
    expect(code).toBe(0);
    expect(quiet.text()).toBe('');
    expect(existsSync(join(root, 'q', 'ch5-lr-0_1.png'))).toBe(true);
    const zh = sink();
    await runCli(['-c', '5', '--out', join(root, 'zh'), '--lang', 'zh'], {
      stdout: zh,
      stderr: sink(),
      cwd: root,
    });
    expect(zh.text()).toContain('学习率');
    expect(readFileSync(join(root, 'zh', 'index.html'), 'utf8')).toContain('lang="zh-CN"');
    // The files carry the Chinese labels too, set in the bundled Noto Sans SC first.
    const svg = readFileSync(join(root, 'zh', 'ch5-lr-0_1.svg'), 'utf8');
    expect(svg).toContain('迭代次数');
    expect(svg).toContain('font-family="Noto Sans SC, DejaVu Sans, sans-serif"');
  });

  it.each([
    [['--chapter', '10'], '--chapter: no chapter 10'],
    [['--seed', '-1'], '--seed: expected a non-negative integer (decimal digits, at most 2^53 - 1), got "-1"'],
    [['--lang', 'fr'], '--lang: expected en or zh, got fr'],
    [['--bogus'], 'unknown option --bogus'],
    [['--out'], '--out: a value is required'],
    [['--out='], '--out: a value is required'],
    // Number() would read these as 0, 1e+300 and 16.
    [['--seed='], '--seed: expected a non-negative integer'],
    [['--seed', '1e300'], 'got "1e300"'],
    [['--seed', '0x10'], 'got "0x10"'],
    [['--seed', '9007199254740993'], 'got "9007199254740993"'],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const stderr = sink();
    const code = await runCli(argv, { stdout: sink(), stderr, cwd: root });
    expect(code).toBe(2);
    expect(stderr.text()).toContain(message);
  });

  it.each([
    ['a file', (file: string) => file, 'is a file, not a folder'],
    ['below a file (unwritable)', (file: string) => join(file, 'sub'), 'cannot write'],
    ['under /proc (unwritable)', () => '/proc/descent-out', 'cannot write'],
  ])(
    'checks --out before computing anything: %s gives one line and exit code 2',
    async (_, out, message) => {
      const file = join(root, 'a-file');
      writeFileSync(file, 'not a folder');
      const stdout = sink();
      const stderr = sink();
      const code = await runCli(['--chapter', '4', '--out', out(file)], { stdout, stderr, cwd: root });
      expect(code).toBe(2);
      expect(stderr.text()).toContain(message);
      expect(stderr.text().trim().split('\n')).toHaveLength(1);
      // Nothing ran: chapter 4 would have printed its heading.
      expect(stdout.text()).toBe('');
      expect(readFileSync(file, 'utf8')).toBe('not a folder');
    },
  );

  it('refuses a non-empty --out folder that is not an earlier output', async () => {
    const out = join(root, 'theirs');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    const stderr = sink();
    const code = await runCli(['-c', '3', '--out', out], { stdout: sink(), stderr, cwd: root });
    expect(code).toBe(2);
    expect(stderr.text()).toContain('holds other files');
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('swaps a finished run in at the end: a failed run leaves the earlier folder untouched', async () => {
    const out = join(root, 'swap');
    await runCli(['-c', '3', '--out', out, '--quiet'], { stdout: sink(), stderr: sink(), cwd: root });
    const before = readFileSync(join(out, 'results.json'), 'utf8');
    expect(JSON.parse(before)).toMatchObject({ seed: 0 });
    // A run that dies half-way (here: its output stream breaks after the first chapter's text).
    let writes = 0;
    const breaking = {
      isTTY: false,
      write: (): boolean => {
        if (++writes > 3) throw new Error('stream closed');
        return true;
      },
    };
    await expect(
      runCli(['-c', '3,5', '--out', out, '--seed', '7'], { stdout: breaking, stderr: sink(), cwd: root }),
    ).rejects.toThrow('stream closed');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(before);
    // No temporary folder is left beside it.
    expect(readdirSync(root).filter((f) => f.startsWith('.swap'))).toEqual([]);
    // A finished run replaces the folder as a whole (no figure of the old run stays).
    await runCli(['-c', '5', '--out', out, '--seed', '7', '--quiet'], {
      stdout: sink(),
      stderr: sink(),
      cwd: root,
    });
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toMatchObject({ seed: 7 });
    expect(existsSync(join(out, 'ch3-ewa.svg'))).toBe(false);
  });

  it('removes its temporary folder on an interrupt and leaves --out as it was', async () => {
    const out = join(root, 'interrupted');
    let interrupt: (() => void) | undefined;
    let unregistered = false;
    const stderr = sink();
    const run = runCli(['-c', '3', '--out', out], {
      stdout: sink(),
      stderr,
      cwd: root,
      onInterrupt: (cleanup) => {
        interrupt = cleanup;
        return () => (unregistered = true);
      },
    });
    // The temporary folder exists while the run is under way (a sibling of --out).
    const tmp = readdirSync(root).filter((f) => f.startsWith('.interrupted.tmp-'));
    expect(tmp).toHaveLength(1);
    interrupt?.();
    expect(readdirSync(root).filter((f) => f.startsWith('.interrupted.tmp-'))).toEqual([]);
    expect(stderr.text()).toContain(`interrupted: ${out} left as it was`);
    await expect(run).rejects.toThrow('interrupted');
    expect(unregistered).toBe(true);
    expect(readdirSync(root).filter((f) => f.startsWith('.interrupted'))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('prints usage with --help and writes nothing', async () => {
    const stdout = sink();
    const code = await runCli(['--help', '--out', join(root, 'help')], {
      stdout,
      stderr: sink(),
      cwd: root,
    });
    expect(code).toBe(0);
    expect(stdout.text()).toContain('--chapter <n|name>');
    expect(existsSync(join(root, 'help'))).toBe(false);
  });
});

describe('the entry point', () => {
  it('runs as `pnpm start` does (node --conditions=@descent/source --import tsx src/cli.ts)', async () => {
    const { promisify } = await import('node:util');
    const { execFile } = await import('node:child_process');
    const out = join(root, 'entry');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@descent/source',
        '--import',
        'tsx',
        'src/cli.ts',
        '--chapter',
        '2',
        '--out',
        out,
      ],
      { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, INIT_CWD: root } },
    );
    expect(stdout).toContain('E_total');
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  });

  it('on Ctrl-C (SIGINT) exits with 130, says so in one line and leaves no folder behind', async () => {
    const { spawn } = await import('node:child_process');
    const out = join(root, 'sigint');
    const child = spawn(
      process.execPath,
      ['--conditions=@descent/source', '--import', 'tsx', 'src/cli.ts', '-c', '4', '--out', out],
      { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, INIT_CWD: root } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupt once chapter 4 (training the digits MLP for a few seconds) has started.
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('=== 4.')) resolve();
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stderr.trim()).toBe(`interrupted: ${out} left as it was`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('.sigint'))).toEqual([]);
  });
});
