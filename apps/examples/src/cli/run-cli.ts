import { join, resolve } from 'node:path';
import type { ChapterOutput, ProgressSink } from '../chapters/chapter';
import { silentProgress } from '../chapters/chapter';
import { CHAPTERS, findChapter } from '../chapters/index';
import type { Chapter } from '../chapters/chapter';
import { parseArgs, USAGE } from './args';
import { htmlReport } from './html-report';
import type { RenderedFigure, SkippedChapter } from './html-report';
import { progressBar } from './progress-bar';
import type { ProgressStream } from './progress-bar';
import { renderSvg, svgToPng } from './render-chart';
import { formatTable } from './text-table';
import { writeAtomic } from './write-atomic';

/** Where the CLI writes text, and the folder relative paths start from. */
export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  cwd: string;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const selected: Chapter[] = [];
  for (const key of options.chapters) {
    const c = findChapter(key);
    if (c === undefined) {
      io.stderr.write(
        `--chapter: no chapter ${key} (1-${CHAPTERS.length} or ${CHAPTERS.map((x) => x.id).join(', ')})\n`,
      );
      return 2;
    }
    if (!selected.includes(c)) selected.push(c);
  }
  const chapters =
    selected.length > 0 ? selected.sort((a, b) => a.number - b.number) : [...CHAPTERS];
  const { lang, seed, quiet } = options;
  const outDir = resolve(io.cwd, options.out);
  const say = (text: string): void => {
    if (!quiet) io.stdout.write(`${text}\n`);
  };
  const progress: ProgressSink = quiet ? silentProgress : progressBar(io.stdout);

  const done: { output: ChapterOutput; figures: RenderedFigure[] }[] = [];
  const skipped: SkippedChapter[] = [];
  const results: Record<string, unknown> = {};
  const started = performance.now();
  let failed = 0;
  for (const chapter of chapters) {
    const title = chapter.title[lang];
    say(`\n=== ${chapter.number}. ${title} ===`);
    if (chapter.unavailable !== null) {
      const reason = `not available yet: ${chapter.unavailable}`;
      say(reason);
      skipped.push({ number: chapter.number, title, reason });
      results[chapter.id] = { available: false, reason };
      continue;
    }
    const t0 = performance.now();
    let output: ChapterOutput;
    try {
      output = await chapter.run({ lang, seed, progress });
    } catch (e) {
      // One broken chapter must not cost the others their files: report it and go on.
      const reason = `failed: ${(e as Error).message}`;
      io.stderr.write(`chapter ${chapter.number} (${chapter.id}) ${reason}\n`);
      skipped.push({ number: chapter.number, title, reason });
      results[chapter.id] = { available: true, failed: true, reason };
      failed++;
      continue;
    }
    for (const p of output.printouts) say(`\n${p.title}\n${p.text}`);
    for (const t of output.tables) say(`\n${formatTable(t)}`);
    const figures: RenderedFigure[] = [];
    for (const f of output.figures) {
      const svg = await renderSvg(f.spec, lang);
      const png = svgToPng(svg);
      writeAtomic(join(outDir, `${f.id}.svg`), svg);
      writeAtomic(join(outDir, `${f.id}.png`), png);
      figures.push({ id: f.id, title: f.title, svg });
    }
    const names = figures.map((f) => `${f.id}.svg/.png`).join(', ');
    say(
      lang === 'zh'
        ? `\n${figures.length} 张图：${names}`
        : `\n${figures.length} figure(s): ${names}`,
    );
    results[chapter.id] = {
      number: chapter.number,
      title,
      seconds: (performance.now() - t0) / 1000,
      ...output.results,
    };
    done.push({ output, figures });
  }
  const seconds = (performance.now() - started) / 1000;
  const resultsJson = `${JSON.stringify({ seed, lang, seconds, chapters: results }, null, 2)}\n`;
  writeAtomic(join(outDir, 'index.html'), htmlReport(lang, done, skipped, resultsJson));
  writeAtomic(join(outDir, 'results.json'), resultsJson);
  const total = ((performance.now() - started) / 1000).toFixed(1);
  say(
    lang === 'zh'
      ? `\n已写入 ${outDir}/（index.html、results.json），用时 ${total} 秒`
      : `\nWrote ${outDir}/ (index.html, results.json) in ${total} s`,
  );
  return failed > 0 ? 1 : 0;
}
