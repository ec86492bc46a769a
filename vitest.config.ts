import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Every workspace folder with a package.json becomes one Vitest project named after its package. */
function workspaceProjects(): { dir: string; name: string }[] {
  const found: { dir: string; name: string }[] = [];
  // Relative to this file, so `vitest --root ../..` from a package folder finds the same projects.
  const here = import.meta.dirname;
  for (const parent of ['packages', 'apps', 'tools']) {
    if (!existsSync(join(here, parent))) continue;
    for (const child of readdirSync(join(here, parent))) {
      const manifest = join(here, parent, child, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
      found.push({ dir: join(here, parent, child), name });
    }
  }
  return found;
}

// The WebGPU suites run Dawn (the `webgpu` package) on SwiftShader, the software Vulkan driver that
// Debian's chromium package ships beside its binary. Set here, before the test workers start, since
// the Vulkan loader path is read when a process starts. A system Vulkan loader keeps precedence.
const chromiumDir = '/usr/lib/chromium';
if (existsSync(join(chromiumDir, 'vk_swiftshader_icd.json'))) {
  process.env.VK_ICD_FILENAMES ??= join(chromiumDir, 'vk_swiftshader_icd.json');
  const paths = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter((p) => p !== '');
  if (!paths.includes(chromiumDir)) process.env.LD_LIBRARY_PATH = [...paths, chromiumDir].join(':');
}

export default defineConfig({
  // Resolve workspace packages to their TypeScript source (the `@descent/source` export
  // condition), so tests run without building first.
  resolve: { conditions: ['@descent/source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@descent/source', 'module', 'node', 'import', 'default'] } },
  test: {
    // Generates the WebAssembly kernels (cached by content hash) before any test file loads, so
    // `vitest run --project <pkg>` works on a fresh clone.
    globalSetup: [join(import.meta.dirname, 'packages/tensor/scripts/build-wasm.mjs')],
    projects: workspaceProjects().map(({ dir, name }) => ({
      extends: true,
      test: {
        name,
        root: dir,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
        exclude: ['**/node_modules/**', '**/dist/**'],
      },
    })),
    // Numeric property tests can be slow on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
