import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  REPO_ROOT,
  exampleFileName,
  expectedPrints,
  isNoRun,
  readmePaths,
  typescriptBlocks,
  writeExamples,
} from '../src/readme-examples';

describe('typescriptBlocks', () => {
  it('finds ts blocks, their lines and info strings, and skips other languages', () => {
    const md = ['# t', '```sh', 'pnpm i', '```', '```ts', 'a();', '```', '', '```ts no-run', 'b();', '```'].join('\n');
    const blocks = typescriptBlocks(md, 'X/README.md');
    expect(blocks.map((b) => [b.line, b.info, b.code])).toEqual([
      [5, 'ts', 'a();'],
      [9, 'ts no-run', 'b();'],
    ]);
    expect(blocks.map(isNoRun)).toEqual([false, true]);
    expect(exampleFileName(blocks[0]!)).toBe('X-README-5.ts');
  });

  it('reads the expected printout from a `// => ` comment on each console.log line', () => {
    const code = 'console.log(a); // => tensor([1.])\nb(); // => not a log\nconsole.log(d); // any comment\nconsole.log(c) // => 3';
    expect(expectedPrints(code)).toEqual(['tensor([1.])', null, '3']);
  });
});

// Every README's examples, run as modules through Vitest (so `@descent/*` resolves to the sources,
// as in every other test), each in a fresh temporary working directory (some write files).
const examples = writeExamples();

describe('README examples', () => {
  let cwd: string;
  const home = process.cwd();
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'descent-readme-'));
    process.chdir(cwd);
  });
  afterAll(() => {
    process.chdir(home);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('covers every README of the repository and most of their blocks', () => {
    const all = readmePaths().flatMap((readme) => typescriptBlocks(readFileSync(join(REPO_ROOT, readme), 'utf8'), readme));
    // Partial snippets are the exception: at most a quarter of the blocks may be marked no-run.
    expect(all.filter(isNoRun).length).toBeLessThanOrEqual(Math.floor(all.length / 4));
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples.map((e) => [`${e.readme}:${e.line}`, e] as const))('%s runs and prints what it says', async (_name, example) => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    try {
      await import(/* @vite-ignore */ example.file);
    } finally {
      log.mockRestore();
    }
    // One printout per console.log line; those with a `// => ` comment must print exactly it.
    const expected = expectedPrints(example.code);
    expect(printed).toHaveLength(expected.length);
    expected.forEach((text, i) => {
      if (text !== null) expect(printed[i]).toBe(text);
    });
  });
});
