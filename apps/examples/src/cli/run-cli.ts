import { join, resolve } from 'node:path';
import type { ChapterContext, ChapterOutput, Lang, ProgressSink } from '../chapters/chapter';
import { silentProgress } from '../chapters/chapter';
import { CHAPTERS, findChapter } from '../chapters/index';
import type { Chapter } from '../chapters/chapter';
import { parseArgs, USAGE } from './args';
import type { CliOptions } from './args';
import { prepareOutputFolder } from './output-folder';
import type { OutputFolder } from './output-folder';
import { fashionMnistImages, findFashionMnist } from './fashion-mnist';
import { htmlReport } from './html-report';
import type { RenderedFigure, SkippedChapter } from './html-report';
import { progressBar } from './progress-bar';
import type { ProgressStream } from './progress-bar';
import { diagramSvg } from '../diagrams/diagram';
import { renderSvg, svgToPng } from './render-chart';
import { formatTable } from './text-table';
import { writeAtomic } from './write-atomic';

/** Where the CLI writes text, and the folder relative paths start from. */
export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  cwd: string;
  /**
   * Registers what to do on an interrupt (Ctrl-C) and returns how to unregister it; `cli.ts` wires
   * it to SIGINT. The run passes a cleanup that removes its temporary folder.
   */
  onInterrupt?: (cleanup: () => void) => () => void;
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
  let images: ChapterContext['images'];
  if (options.data !== undefined) {
    const dir = resolve(io.cwd, options.data);
    const limit = options.dataLimit;
    try {
      findFashionMnist(dir);
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\n`);
      return 2;
    }
    images = () => fashionMnistImages(dir, limit === undefined ? {} : { limit });
  }
  const outDir = resolve(io.cwd, options.out);
  let folder: OutputFolder;
  try {
    folder = prepareOutputFolder(outDir);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  let interrupted = false;
  const unregister = io.onInterrupt?.(() => {
    interrupted = true;
    folder.discard();
    io.stderr.write(`\ninterrupted: ${outDir} left as it was\n`);
  });
  try {
    const code = await runChapters(chapters, options, folder.tmp, io, () => interrupted, images);
    folder.commit();
    if (!options.quiet) io.stdout.write(doneLine(options.lang, outDir, code.seconds));
    return code.failed > 0 ? 1 : 0;
  } finally {
    folder.discard();
    unregister?.();
  }
}

function doneLine(lang: Lang, outDir: string, seconds: number): string {
  const total = seconds.toFixed(1);
  return lang === 'zh'
    ? `\n已写入 ${outDir}/（index.html、results.json），用时 ${total} 秒\n`
    : `\nWrote ${outDir}/ (index.html, results.json) in ${total} s\n`;
}

/** Runs the chapters, printing as it goes, and writes every file into `outDir`. */
async function runChapters(
  chapters: readonly Chapter[],
  options: CliOptions,
  outDir: string,
  io: CliIo,
  interrupted: () => boolean,
  images?: ChapterContext['images'],
): Promise<{ failed: number; seconds: number }> {
  const { lang, seed, quiet } = options;
  // After an interrupt the temporary folder is gone: stop before writing into it again.
  const write = (path: string, data: string | Uint8Array): void => {
    if (interrupted()) throw new Error('interrupted');
    writeAtomic(path, data);
  };
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
    // Let a pending Ctrl-C be handled between chapters.
    await new Promise((r) => setTimeout(r, 0));
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
      output = await chapter.run(images === undefined ? { lang, seed, progress } : { lang, seed, progress, images });
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
      write(join(outDir, `${f.id}.svg`), svg);
      write(join(outDir, `${f.id}.png`), png);
      figures.push({ id: f.id, title: f.title, svg });
    }
    for (const d of output.diagrams ?? []) {
      // The last step holds every value; its caption is that step's arithmetic.
      const last = d.steps[d.steps.length - 1];
      if (last === undefined) continue;
      const svg = diagramSvg(last.frame, {
        lang,
        title: d.title,
        caption: last.lines,
        idPrefix: d.id,
        heading: true,
      });
      write(join(outDir, `${d.id}.svg`), svg);
      write(join(outDir, `${d.id}.png`), svgToPng(svg));
      figures.push({ id: d.id, title: d.title, svg });
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
  write(join(outDir, 'index.html'), htmlReport(lang, done, skipped, resultsJson));
  write(join(outDir, 'results.json'), resultsJson);
  return { failed, seconds: (performance.now() - started) / 1000 };
}
