import type { Lang } from '../chapters/chapter';

/** Parsed command-line options. */
export interface CliOptions {
  chapters: string[];
  out: string;
  seed: number;
  quiet: boolean;
  help: boolean;
  lang: Lang;
  /** Folder of the Fashion-MNIST IDX files for chapter 9 (`--data`); the built-in digits when absent. */
  data?: string;
  /** Training and test images read from `data` (`--data-limit`); all of them when absent. */
  dataLimit?: number;
}

/** The --help text. */
export const USAGE = `Usage: pnpm start [-- options]

Runs the Descent tutorial: prints its tables and printouts and writes out/ (SVG + PNG per figure,
index.html, results.json).

Options:
  --chapter <n|name>  run only this chapter (1-9 or gradient-descent, backprop, ewa, optimizers,
                      learning-rate, schedulers, optimizer-zoo, char-lm, convnet); repeat or separate with commas
                      for several
  --out <dir>         output folder (default: out)
  --seed <n>          seed of the synthetic data and the models (default: 0)
  --lang en|zh        language of labels (default: en); the tutorial's printouts stay verbatim
  --data <dir>        run chapter 9 on Fashion-MNIST: the four IDX files (.gz or not) in <dir>
                      or <dir>/fashion-mnist, e.g. /usr/share/datasets/fashion-mnist (Debian's
                      dataset-fashion-mnist); default: the built-in 8×8 digits
  --data-limit <n>    with --data, use only the first n training and n test images
  --quiet             print nothing but errors
  --help              show this text`;

/** Parses argv (without node and the script); throws a TypeError naming a bad option. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    chapters: [],
    out: 'out',
    seed: 0,
    quiet: false,
    help: false,
    lang: 'en',
  };
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const raw = args[i] as string;
    const [flag, inline] =
      raw.startsWith('--') && raw.includes('=')
        ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
        : [raw, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new TypeError(`${flag}: a value is required`);
      return v;
    };
    switch (flag) {
      case '--chapter':
      case '-c':
        o.chapters.push(
          ...value()
            .split(',')
            .filter((s) => s.length > 0),
        );
        break;
      case '--out':
      case '-o':
        o.out = value();
        if (o.out.trim() === '') throw new TypeError('--out: a value is required');
        break;
      case '--seed': {
        const v = value();
        // Digits only: Number() would take '' as 0, '1e300' as 1e+300 and '0x10' as 16.
        const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isSafeInteger(n))
          throw new TypeError(
            `--seed: expected a non-negative integer (decimal digits, at most 2^53 - 1), got ${JSON.stringify(v)}`,
          );
        o.seed = n;
        break;
      }
      case '--lang': {
        const v = value();
        if (v !== 'en' && v !== 'zh') throw new TypeError(`--lang: expected en or zh, got ${v}`);
        o.lang = v;
        break;
      }
      case '--data':
        o.data = value();
        if (o.data.trim() === '') throw new TypeError('--data: a value is required');
        break;
      case '--data-limit': {
        const v = value();
        const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`--data-limit: expected a positive integer, got ${JSON.stringify(v)}`);
        o.dataLimit = n;
        break;
      }
      case '--quiet':
      case '-q':
        o.quiet = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new TypeError(`unknown option ${raw} (see --help)`);
    }
  }
  if (o.dataLimit !== undefined && o.data === undefined) throw new TypeError('--data-limit: only with --data <dir>');
  return o;
}
