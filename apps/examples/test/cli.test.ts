import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAPTERS } from '../src/chapters/index';
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
      // The report carries the results too.
      expect(html).toContain('<summary>results.json</summary>');
      if (!available) {
        expect(results.chapters[id]?.available).toBe(false);
        expect(stdout.text()).toContain('not available yet');
        return;
      }
      expect(results.chapters[id]?.number).toBe(n);
      const files = readdirSync(out);
      const svgs = files.filter((f) => f.endsWith('.svg'));
      expect(svgs.length).toBeGreaterThan(0);
      for (const svg of svgs) {
        const png = svg.replace(/\.svg$/, '.png');
        expect(files).toContain(png);
        // PNG signature, and the figure is inlined in the offline report.
        expect([...readFileSync(join(out, png)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        expect(html).toContain(`id="${svg.replace(/\.svg$/, '')}"`);
      }
      expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
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

  it('prints nothing with --quiet and labels in Chinese with --lang zh', async () => {
    const quiet = sink();
    await runCli(['-c', '5', '--out', join(root, 'q'), '--quiet'], {
      stdout: quiet,
      stderr: sink(),
      cwd: root,
    });
    expect(quiet.text()).toBe('');
    const zh = sink();
    await runCli(['-c', '5', '--out', join(root, 'zh'), '--lang', 'zh'], {
      stdout: zh,
      stderr: sink(),
      cwd: root,
    });
    expect(zh.text()).toContain('学习率');
    expect(readFileSync(join(root, 'zh', 'index.html'), 'utf8')).toContain('lang="zh-CN"');
  });

  it.each([
    [['--chapter', '9'], '--chapter: no chapter 9'],
    [['--seed', '-1'], '--seed: expected a non-negative integer, got -1'],
    [['--lang', 'fr'], '--lang: expected en or zh, got fr'],
    [['--bogus'], 'unknown option --bogus'],
    [['--out'], '--out: a value is required'],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const stderr = sink();
    const code = await runCli(argv, { stdout: sink(), stderr, cwd: root });
    expect(code).toBe(2);
    expect(stderr.text()).toContain(message);
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
});
