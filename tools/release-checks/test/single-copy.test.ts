/**
 * Two copies of the core in one program: `pnpm pack` the real tarballs of @descent/tensor and
 * @descent/autograd (prepack builds them, or takes turbo's cached build), lay them out in a
 * temporary project's node_modules as npm would for a tree that resolved two releases, and run
 * Node on it. A second release is the same tarball with its version changed in the manifest and in
 * the version constant the build inlined (checked below), as a later release would carry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/readme-examples';

const OTHER = '9.8.7';
let work: string;
const unpacked: Record<string, string> = {};
const versions: Record<string, string> = {};

/** Packs a workspace package and unpacks its tarball; returns the unpacked folder. */
function packAndUnpack(dir: string): string {
  const out = mkdtempSync(join(work, 'pack-'));
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(REPO_ROOT, dir), stdio: 'pipe' });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`no tarball from pnpm pack in ${dir}`);
  execFileSync('tar', ['-xzf', join(out, tarball), '-C', out]);
  return join(out, 'package');
}

/** Copies an unpacked package to `target`, as release `version` when given. */
function install(name: string, target: string, version?: string): void {
  const source = unpacked[name] as string;
  cpSync(source, target, { recursive: true });
  if (version === undefined) return;
  const manifestFile = join(target, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version: string };
  const built = readFileSync(join(target, 'dist', 'index.js'), 'utf8');
  const constant = `var version = ${JSON.stringify(manifest.version)};`;
  // The build inlines the manifest's version once; if that ever changes, this test must change too.
  expect(built.split(constant)).toHaveLength(2);
  writeFileSync(join(target, 'dist', 'index.js'), built.replace(constant, `var version = ${JSON.stringify(version)};`));
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, version }, null, 2));
}

/** A fresh project folder with `main.mjs`; returns Node's exit status and output. */
function project(layout: (nodeModules: string) => void, main: string): { status: number | null; stdout: string; stderr: string } {
  const root = mkdtempSync(join(work, 'project-'));
  const nodeModules = join(root, 'node_modules');
  mkdirSync(join(nodeModules, '@descent'), { recursive: true });
  layout(nodeModules);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(root, 'main.mjs'), main);
  const run = spawnSync(process.execPath, ['main.mjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A dependency `name` that bundles its own copy of `pkg` (nested node_modules) and re-exports it. */
function libWithOwnCopy(nodeModules: string, name: string, pkg: string, version?: string): void {
  const lib = join(nodeModules, name);
  mkdirSync(join(lib, 'node_modules', '@descent'), { recursive: true });
  writeFileSync(join(lib, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './index.js' }));
  writeFileSync(join(lib, 'index.js'), `export * from '${pkg}';\n`);
  install(pkg, join(lib, 'node_modules', pkg), version);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'descent-single-copy-'));
  for (const [name, dir] of [
    ['@descent/tensor', 'packages/tensor'],
    ['@descent/autograd', 'packages/autograd'],
  ] as const) {
    unpacked[name] = packAndUnpack(dir);
    versions[name] = (JSON.parse(readFileSync(join(unpacked[name], 'package.json'), 'utf8')) as { version: string }).version;
  }
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('one copy of the core per program', () => {
  it('loads the packed tensor and autograd side by side: one Tensor class, one generator', () => {
    const run = project(
      (nm) => {
        install('@descent/tensor', join(nm, '@descent/tensor'));
        install('@descent/autograd', join(nm, '@descent/autograd'));
      },
      `import * as core from '@descent/tensor';
import * as ag from '@descent/autograd';
const t = ag.tensor([1, 2], { requiresGrad: true });
console.log(t instanceof core.Tensor, ag.Generator === core.Generator);
`,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true true');
    expect(run.status).toBe(0);
  });

  it('throws at import when a dependency brings a second release of @descent/tensor, naming both versions and the fix', () => {
    const run = project(
      (nm) => {
        install('@descent/tensor', join(nm, '@descent/tensor'));
        libWithOwnCopy(nm, 'old-lib', '@descent/tensor', OTHER);
      },
      `import '@descent/tensor';\nawait import('old-lib');\nconsole.log('loaded both');\n`,
    );
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('loaded both');
    expect(run.stderr).toContain(
      `Error: @descent/tensor: two copies are loaded into one program (${versions['@descent/tensor']} first, then ${OTHER}).`,
    );
    expect(run.stderr).toContain('npm dedupe');
    expect(run.stderr).toContain('"overrides" (npm)');
  });

  it('throws for a second release of @descent/autograd too', () => {
    const run = project(
      (nm) => {
        install('@descent/tensor', join(nm, '@descent/tensor'));
        install('@descent/autograd', join(nm, '@descent/autograd'));
        libWithOwnCopy(nm, 'old-lib', '@descent/autograd', OTHER);
      },
      `import '@descent/autograd';\nawait import('old-lib');\nconsole.log('loaded both');\n`,
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `Error: @descent/autograd: two copies are loaded into one program (${versions['@descent/autograd']} first, then ${OTHER}).`,
    );
  });

  it('accepts one release reached through two paths (as a dev server or a test runner re-evaluates it)', () => {
    const run = project(
      (nm) => {
        install('@descent/tensor', join(nm, '@descent/tensor'));
        libWithOwnCopy(nm, 'same-lib', '@descent/tensor');
      },
      `import * as a from '@descent/tensor';\nconst b = await import('same-lib');\nconsole.log(a.Tensor === b.Tensor);\n`,
    );
    expect(run.stderr).toBe('');
    // Two module instances of one release: allowed by the guard, though still two classes.
    expect(run.stdout.trim()).toBe('false');
  });
});
