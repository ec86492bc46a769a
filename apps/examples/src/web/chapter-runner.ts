import type { Chapter, ChapterOutput, Lang } from '../chapters/chapter';
import { CHAPTERS } from '../chapters/index';

/** A request to the chapter worker. */
interface RunRequest {
  key: number;
  id: string;
  lang: Lang;
  seed: number;
}
/** The worker's answer: the chapter's output, or why it could not be sent. */
type RunReply = { key: number; output: ChapterOutput } | { key: number; error: string };

/** The worker's side of `postMessage` (the page's types are the DOM's, not a worker's). */
interface WorkerScope {
  postMessage(message: RunReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<RunRequest>) => void): void;
}

/** True in the chapter worker (the page's own script, started again as a Web Worker). */
export const inWorker = typeof document === 'undefined';

/**
 * The worker's loop: runs each requested chapter and posts its output (data and chart specs only,
 * so it survives `postMessage`). Started by the page script when it finds itself in a worker.
 */
export function serveChapters(): void {
  const scope = globalThis as unknown as WorkerScope;
  scope.addEventListener('message', (e) => {
    const { key, id, lang, seed } = e.data;
    void (async () => {
      try {
        const chapter = CHAPTERS.find((c) => c.id === id);
        if (chapter === undefined) throw new Error(`no chapter ${id}`);
        scope.postMessage({ key, output: await chapter.run({ lang, seed }) });
      } catch (err) {
        scope.postMessage({ key, error: (err as Error).message });
      }
    })();
  });
}

/** Runs chapters for the page: in a worker when it can, so the page stays responsive. */
export interface ChapterRunner {
  run(chapter: Chapter, ctx: { lang: Lang; seed: number }): Promise<ChapterOutput>;
  /** Drops the queued runs (a language switch; their promises never settle) and the worker. */
  reset(): void;
}

/**
 * Computes the chapters off the main thread: the page's own script (`scriptUrl`, a classic script)
 * is started again as a Web Worker, which runs the chapters and posts their outputs back; the page
 * only draws. Where a worker cannot start (a page opened from `file://`, the dev server's module
 * script) or a run fails in it, the chapter runs in the page instead, as before.
 */
export function chapterRunner(scriptUrl: string | undefined): ChapterRunner {
  let worker: Worker | undefined;
  let nextKey = 0;
  const pending = new Map<
    number,
    { chapter: Chapter; ctx: { lang: Lang; seed: number }; resolve: (o: ChapterOutput) => void }
  >();
  const inPage = (chapter: Chapter, ctx: { lang: Lang; seed: number }): Promise<ChapterOutput> =>
    Promise.resolve(chapter.run(ctx));

  let tried = false;
  const start = (): void => {
    tried = true;
    if (scriptUrl === undefined || location.protocol === 'file:') return;
    try {
      worker = new Worker(scriptUrl);
    } catch {
      worker = undefined;
      return;
    }
    worker.addEventListener('message', (e: MessageEvent<RunReply>) => {
      const job = pending.get(e.data.key);
      if (job === undefined) return;
      pending.delete(e.data.key);
      if ('output' in e.data) {
        // Where the chapters were computed (the e2e test checks that the worker did it).
        document.body.dataset.computedIn = 'worker';
        job.resolve(e.data.output);
      } else void inPage(job.chapter, job.ctx).then(job.resolve);
    });
    worker.addEventListener('error', () => {
      // The worker could not load or crashed: run what it had in the page.
      worker?.terminate();
      worker = undefined;
      const jobs = [...pending.values()];
      pending.clear();
      for (const job of jobs) void inPage(job.chapter, job.ctx).then(job.resolve);
    });
  };
  return {
    run(chapter, ctx) {
      // Started on the first run, after the page's shell is drawn, not competing with it.
      if (!tried) start();
      if (worker === undefined) return inPage(chapter, ctx);
      const key = nextKey++;
      return new Promise<ChapterOutput>((resolve) => {
        pending.set(key, { chapter, ctx, resolve });
        worker?.postMessage({ key, id: chapter.id, lang: ctx.lang, seed: ctx.seed });
      });
    },
    reset() {
      worker?.terminate();
      worker = undefined;
      pending.clear();
      tried = false;
    },
  };
}
