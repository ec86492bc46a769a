/**
 * Issue #22's resume test: a training run (an MLP, Adam, a StepLR and a shuffle drawn from a
 * Generator; test/fixtures/train-run.ts) is killed with SIGKILL at random points 20 times, each
 * time resumed in a new process from its last `saveCheckpoint`, and must end with weights bit
 * for bit those of a run that was never interrupted. Kills land anywhere: between steps, inside
 * a step, inside a save.
 *
 * The child is bundled once (vite, Node target) so a process starts in a fraction of a second.
 * It lives here because bp-examples depends on optim and lr-scheduler; nn (where the checkpoint
 * API lives) may not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// tmpfs where there is one: the run saves 32 checkpoints, each flushed to disk with fsync.
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
let dir = '';
let script = '';

beforeAll(async () => {
  dir = mkdtempSync(join(base, 'descent-kill-'));
  const output = (await build({
    configFile: false,
    logLevel: 'error',
    resolve: { conditions: ['@descent/source'] },
    ssr: { noExternal: true, resolve: { conditions: ['@descent/source', 'node', 'import', 'default'] } },
    build: { ssr: fileURLToPath(new URL('./fixtures/train-run.ts', import.meta.url)), write: false, minify: false, rollupOptions: { output: { format: 'es' } } },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunk = (Array.isArray(output) ? output[0]! : output).output[0];
  script = join(dir, 'train-run.mjs');
  writeFileSync(script, chunk.type === 'chunk' ? chunk.code : '');
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the child in `folder` and, `steps` steps after it starts training, kills it `delay` ms
 * later (so the kill lands inside a step or a save as often as between them). Resolves whether
 * it was killed and the step it resumed at.
 */
function runUntilKilled(folder: string, steps: number, delay: number): Promise<{ killed: boolean; startedAt: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let startedAt = -1;
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const start = /start (\d+)/.exec(out);
      if (startedAt < 0 && start !== null) startedAt = Number(start[1]);
      const done = [...out.matchAll(/step (\d+)/g)].length;
      if (!armed && startedAt >= 0 && done >= steps) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, startedAt });
      else if (code === 0) resolve({ killed: false, startedAt });
      else reject(new Error(`the training run failed (code ${String(code)}): ${err}`));
    });
  });
}

describe('saveCheckpoint / loadCheckpoint under kills', () => {
  it('20 kills at random points, each resumed in a new process: the final weights are bit-identical to an uninterrupted run', async () => {
    const reference = join(dir, 'reference');
    mkdirSync(reference);
    const plain = spawnSync(process.execPath, [script, reference], { encoding: 'utf8', timeout: 60_000 });
    if (plain.status !== 0) throw new Error(`the uninterrupted run failed: ${plain.stderr}`);
    const expected = readFileSync(join(reference, 'final.safetensors'));

    const resumed = join(dir, 'resumed');
    mkdirSync(resumed);
    // A fixed seed for the kill delays, so a failure can be replayed (mulberry32).
    let seed = 20261205;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let kills = 0;
    const resumedAt: number[] = [];
    while (kills < 20) {
      const { killed, startedAt } = await runUntilKilled(resumed, 1 + Math.floor(random() * 8), random() * 4);
      resumedAt.push(startedAt);
      if (!killed) throw new Error(`the run finished after only ${kills} kills; make it longer`);
      kills++;
    }
    // The kills did land at different points of the run (it resumed from several checkpoints).
    expect(new Set(resumedAt).size).toBeGreaterThan(3);
    const last = await runUntilKilled(resumed, Infinity, 0);
    expect(last.killed).toBe(false);
    const actual = readFileSync(join(resumed, 'final.safetensors'));
    expect(actual.equals(expected)).toBe(true);
    // No killed writer's temporary is left beside the checkpoint.
    expect(readdirSync(resumed).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
