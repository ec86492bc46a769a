/**
 * The TypeScript examples of the repository's READMEs, extracted so that they can be run and
 * type-checked: every fenced block whose info string starts with `ts` or `typescript`, except
 * those marked `no-run` (intentionally partial snippets).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root (this file is tools/release-checks/src/readme-examples.ts). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/** Where the extracted examples are written (gitignored). */
export const EXAMPLES_DIR = join(import.meta.dirname, '..', 'readme-examples');

/** One fenced code block of a README. */
export interface ReadmeBlock {
  /** README path relative to the repository root. */
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string after the backticks, e.g. `ts` or `ts no-run`. */
  info: string;
  /** The block's source. */
  code: string;
}

/** The READMEs whose examples must run: the root one and every workspace package's. */
export function readmePaths(root = REPO_ROOT): string[] {
  const found = ['README.md'];
  for (const parent of ['packages', 'apps', 'tools']) {
    const dir = join(root, parent);
    if (!existsSync(dir)) continue;
    for (const child of readdirSync(dir).sort()) {
      if (existsSync(join(dir, child, 'README.md'))) found.push(`${parent}/${child}/README.md`);
    }
  }
  for (const single of ['fixtures', 'benchmarks']) {
    if (existsSync(join(root, single, 'README.md'))) found.push(`${single}/README.md`);
  }
  return found.filter((path) => existsSync(join(root, path)));
}

/** The TypeScript blocks of one markdown text (fences of three or more backticks, not nested). */
export function typescriptBlocks(markdown: string, readme: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(\S.*)?$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    const info = (open[2] ?? '').trim();
    let end = i + 1;
    while (end < lines.length && !(lines[end] ?? '').startsWith(fence)) end++;
    if (/^(ts|typescript)\b/.test(info)) blocks.push({ readme, line: i + 1, info, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** Whether a block is marked as intentionally partial. */
export function isNoRun(block: ReadmeBlock): boolean {
  return /\bno-run\b/.test(block.info);
}

/** A file name for a block: its README's folder and its line, e.g. `packages-optim-README-18.ts`. */
export function exampleFileName(block: ReadmeBlock): string {
  return `${block.readme.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}.ts`;
}

/**
 * Expected printouts, one entry per `console.log(...)` line of the block in order: the text of a
 * trailing `// => text` comment, or null where the line states no expectation.
 */
export function expectedPrints(code: string): Array<string | null> {
  const expected: Array<string | null> = [];
  for (const line of code.split('\n')) {
    if (!/console\.log\(/.test(line)) continue;
    const match = /\/\/ => (.*)$/.exec(line);
    expected.push(match ? (match[1] ?? '').trimEnd() : null);
  }
  return expected;
}

/**
 * Writes every runnable block to EXAMPLES_DIR as its own module (atomically, file by file) and
 * returns the blocks with their file paths. Stale files from earlier runs are removed.
 */
export function writeExamples(root = REPO_ROOT): Array<ReadmeBlock & { file: string }> {
  const written: Array<ReadmeBlock & { file: string }> = [];
  rmSync(EXAMPLES_DIR, { recursive: true, force: true });
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  for (const readme of readmePaths(root)) {
    for (const block of typescriptBlocks(readFileSync(join(root, readme), 'utf8'), readme)) {
      if (isNoRun(block)) continue;
      const file = join(EXAMPLES_DIR, exampleFileName(block));
      // `export {}` makes a block without imports a module, so blocks do not share one scope.
      const text = `// ${relative(EXAMPLES_DIR, join(root, readme))}, line ${block.line}. Generated; do not edit.\n${block.code}\nexport {};\n`;
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
      written.push({ ...block, file });
    }
  }
  return written;
}
