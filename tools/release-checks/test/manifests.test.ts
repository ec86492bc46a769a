/**
 * What every published package.json must agree on, read from the manifests themselves: the
 * published exports (publishConfig.exports, which pnpm pack and publish use) are the development
 * exports without the `@descent/source` condition, the tarball carries the LICENSE, the core is a
 * peer dependency of the packages that extend it, and packing builds first.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/readme-examples';

type Conditions = Record<string, string>;
interface Manifest {
  name: string;
  private?: boolean;
  version: string;
  license: string;
  keywords?: string[];
  homepage?: string;
  bugs?: { url: string };
  sideEffects: boolean | string[];
  exports: Record<string, string | Conditions>;
  files: string[];
  engines: { node: string };
  publishConfig: { access: string; exports?: Record<string, string | Conditions> };
  scripts: Record<string, string>;
  peerDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const published = readdirSync(join(REPO_ROOT, 'packages'))
  .filter((dir) => existsSync(join(REPO_ROOT, 'packages', dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8')) as Manifest }))
  .filter(({ manifest }) => manifest.private !== true);

const rootLicense = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
const CORE = ['@descent/tensor', '@descent/autograd'];

describe.each(published.map(({ dir, manifest }) => [manifest.name, dir, manifest] as const))('%s', (_name, dir, manifest) => {
  it('publishes its exports without the @descent/source condition (src/ is not in the tarball)', () => {
    const stripped = Object.fromEntries(
      Object.entries(manifest.exports).map(([sub, target]) => [
        sub,
        typeof target === 'string' ? target : Object.fromEntries(Object.entries(target).filter(([condition]) => condition !== '@descent/source')),
      ]),
    );
    expect(manifest.publishConfig.exports).toEqual(stripped);
    expect(JSON.stringify(manifest.publishConfig.exports)).not.toContain('src/');
    expect(manifest.publishConfig.access).toBe('public');
  });

  it('ships the MIT license text of the repository', () => {
    expect(manifest.files).toEqual(['dist', 'LICENSE']);
    expect(readFileSync(join(REPO_ROOT, 'packages', dir, 'LICENSE'), 'utf8').startsWith(rootLicense)).toBe(true);
    expect(manifest.license.split(' AND ')).toContain('MIT');
  });

  it('builds before packing and has the registry metadata', () => {
    expect(manifest.scripts.prepack).toBe(`turbo run build --filter=${manifest.name} --output-logs=errors-only`);
    expect(manifest.keywords?.length).toBeGreaterThan(2);
    expect(manifest.homepage).toBe(`https://github.com/descent-ml/descent/tree/main/packages/${dir}#readme`);
    expect(manifest.bugs?.url).toBe('https://github.com/descent-ml/descent/issues');
    // process.getBuiltinModule (the worker pool) arrived in Node 20.16; lr-scheduler needs nothing.
    expect(manifest.engines.node).toBe(manifest.name === '@descent/lr-scheduler' ? '>=20' : '>=20.16');
  });

  it('takes the core it extends as a peer dependency, never as a dependency', () => {
    for (const core of CORE) {
      expect(manifest.dependencies?.[core]).toBeUndefined();
      if (manifest.peerDependencies?.[core] !== undefined) {
        expect(manifest.peerDependencies[core]).toBe('workspace:^');
        expect(manifest.devDependencies?.[core]).toBe('workspace:^');
      }
    }
    const imports = sourceImports(dir);
    for (const core of CORE) {
      if (core !== manifest.name && imports.has(core)) expect(manifest.peerDependencies?.[core]).toBe('workspace:^');
    }
    // Every @descent package the published code imports is declared, and nothing else is.
    const runtime = new Set([...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {})]);
    expect([...runtime].filter((name) => name.startsWith('@descent/')).sort()).toEqual([...imports].filter((name) => name !== manifest.name).sort());
  });

  it("lists its import-time side effects (the core's one-copy guard, tensor's method groups, autograd's gradient-guard registration)", () => {
    // tensor's src/tensor-methods/*.ts install Tensor's methods on its prototype when imported: a
    // bundler that dropped them (through the @descent/source condition) would give method-less tensors.
    // autograd's src/gradient-guard.ts registers its Tensor with the GPU kernels' gradient guard: a
    // bundler that dropped it would let a GPU kernel for an inherited method lose its gradient unchecked.
    if (manifest.name === '@descent/tensor') expect(manifest.sideEffects).toEqual(['./src/copy-guard.ts', './src/tensor-methods/*.ts', './dist/index.js']);
    else if (manifest.name === '@descent/autograd') expect(manifest.sideEffects).toEqual(['./src/copy-guard.ts', './src/gradient-guard.ts', './dist/index.js']);
    else if (CORE.includes(manifest.name)) expect(manifest.sideEffects).toEqual(['./src/copy-guard.ts', './dist/index.js']);
    else expect(manifest.sideEffects).toBe(false);
  });
});

/** The @descent packages imported by a package's non-test sources. */
function sourceImports(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/from '(@descent\/[a-z-]+)/g)) found.add(match[1] as string);
      }
    }
  };
  walk(join(REPO_ROOT, 'packages', dir, 'src'));
  return found;
}
