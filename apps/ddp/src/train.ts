import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The training script, beside this folder. */
export const TRAIN_SCRIPT = join(import.meta.dirname, '..', 'python', 'train_ddp.py');

/** Options of {@link trainInPyTorch}. */
export interface TrainOptions {
  /** Processes (`torchrun --nproc_per_node`); 0 runs plain `python3 --single` (no process group). */
  nproc: number;
  steps: number;
  /** Global batch size, divisible by `nproc`. */
  batch?: number;
  lr?: number;
  momentum?: number;
  /** Output name in the work folder (`<out>.safetensors`, `<out>.logits.safetensors`). */
  out: string;
  /** Python interpreter (default `/usr/bin/python3`, Debian's PyTorch 1.13). */
  python?: string;
}

/** What the script printed on rank 0. */
export interface TrainSummary {
  world_size: number;
  steps: number;
  first_loss: number;
  last_loss: number;
  test_accuracy: number;
}

/**
 * The command line: `python3 -m torch.distributed.run` (torchrun) with one process per
 * `nproc_per_node`, `--standalone` (a free port per run), and `--redirects=1 --tee=1`, which works
 * around torch 1.13's torchrun under Python 3.11: its default `--redirects=0 --tee=0` parses to None
 * (Python 3.11 no longer iterates the zero and multi-bit members of the `Std` IntFlag) and every
 * launch fails with "AttributeError: 'NoneType' object has no attribute 'get'".
 */
export function trainCommand(workDir: string, options: TrainOptions): string[] {
  const args = ['--work', workDir, '--steps', String(options.steps), '--out', options.out];
  if (options.batch !== undefined) args.push('--batch', String(options.batch));
  if (options.lr !== undefined) args.push('--lr', String(options.lr));
  if (options.momentum !== undefined) args.push('--momentum', String(options.momentum));
  if (options.nproc === 0) return [TRAIN_SCRIPT, ...args, '--single'];
  const launcher = [
    '-m',
    'torch.distributed.run',
    '--standalone',
    `--nproc_per_node=${options.nproc}`,
  ];
  const logs = ['--redirects=1', '--tee=1', `--log_dir=${join(workDir, 'torchrun-logs')}`];
  return [...launcher, ...logs, TRAIN_SCRIPT, ...args];
}

/** Rank 0's summary from the script's output, or an Error with everything it printed. */
function summaryOf(
  python: string,
  args: string[],
  status: number | null,
  stdout: string,
  stderr: string,
): TrainSummary {
  if (status !== 0)
    throw new Error(
      `trainInPyTorch: '${python} ${args.join(' ')}' exited with ${status}:\n${stdout}\n${stderr}`,
    );
  const line = stdout.split('\n').find((l) => l.includes('"world_size"'));
  if (line === undefined)
    throw new Error(`trainInPyTorch: no summary in the output:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice(line.indexOf('{'))) as TrainSummary;
}

/** Step 2: trains in PyTorch (DDP under torchrun, or one process) and returns rank 0's summary. */
export function trainInPyTorch(workDir: string, options: TrainOptions): TrainSummary {
  const python = options.python ?? '/usr/bin/python3';
  const args = trainCommand(workDir, options);
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 300_000 });
  if (run.error !== undefined)
    throw new Error(`trainInPyTorch: cannot start ${python}: ${run.error.message}`);
  return summaryOf(python, args, run.status, run.stdout, run.stderr);
}

/** {@link trainInPyTorch} without blocking, so that two trainings can run side by side. */
export function trainInPyTorchAsync(workDir: string, options: TrainOptions): Promise<TrainSummary> {
  const python = options.python ?? '/usr/bin/python3';
  const args = trainCommand(workDir, options);
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { timeout: 300_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) =>
      reject(new Error(`trainInPyTorch: cannot start ${python}: ${error.message}`)),
    );
    child.on('close', (status) => {
      try {
        resolve(summaryOf(python, args, status, stdout, stderr));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
