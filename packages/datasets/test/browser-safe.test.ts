import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const packages = resolve(new URL('../..', import.meta.url).pathname);
const entry = join(packages, 'datasets', 'src', 'index.ts');

/** Value imports of a TypeScript file (`import type` / `export type` are erased, so skipped). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(?:import|export)\s+(type\s+)?[^;'"]*?\sfrom\s+['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) if (!match[1]) found.push(match[2] as string);
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm))
    found.push(match[1] as string);
  // No `require(`: the sources are ESM, and tensor's worker source holds one inside a string.
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push(match[1] as string);
  return found;
}

/** A workspace package's source entry (its `@descent/source` export condition). */
function workspaceEntry(name: string): string {
  const folder = join(packages, name.slice('@descent/'.length));
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    exports: Record<string, Record<string, string>>;
  };
  return join(folder, manifest.exports['.']?.['@descent/source'] as string);
}

function resolveRelative(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base])
    if (existsSync(candidate) && (candidate.endsWith('.ts') || candidate.endsWith('.json'))) return candidate;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every file the entry reaches through value imports, and every bare specifier outside the workspace. */
function importGraph(start: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    // A JSON module (the core's `import { version } from '../package.json'`) imports nothing.
    if (file.endsWith('.json')) continue;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) queue.push(resolveRelative(file, spec));
      else if (spec.startsWith('@descent/')) queue.push(workspaceEntry(spec));
      else external.add(spec);
    }
  }
  return { files: [...seen].map((f) => relative(packages, f)).sort(), external: [...external] };
}

describe('the main entry (@descent/datasets)', () => {
  const graph = importGraph(entry);

  it('reaches the tensor and autograd sources and nothing of the Node-only entry', () => {
    expect(graph.files).toContain('datasets/src/data-loader.ts');
    expect(graph.files).toContain('tensor/src/index.ts');
    expect(graph.files).toContain('autograd/src/index.ts');
    expect(graph.files.filter((f) => f.startsWith('datasets/src/node'))).toEqual([]);
  });

  it('imports no Node built-in and no other module, directly or through its dependencies', () => {
    expect(graph.external.filter((spec) => isBuiltin(spec))).toEqual([]);
    expect(graph.external).toEqual([]);
  });

  it('finds value imports and skips type-only ones (self-check of the scanner)', () => {
    const sample = [
      "import { readFile } from 'node:fs/promises';",
      "import type { Worker } from 'node:worker_threads';",
      "export type { A } from './a';",
      "export { b } from './b';",
      "const os = await import('node:os');",
    ].join('\n');
    expect(specifiers(sample)).toEqual(['node:fs/promises', './b', 'node:os']);
  });
});
