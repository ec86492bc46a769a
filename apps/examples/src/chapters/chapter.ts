import type { TopLevelSpec } from 'vega-lite';
import type { Diagram } from '../diagrams/diagram';
import type { ImageData } from './convnet';

/** The two languages of labels (the tutorial's own printouts stay verbatim in both). */
export type Lang = 'en' | 'zh';

/** One figure: a Vega-Lite spec that the CLI renders to SVG/PNG and the page renders live. */
export interface Figure {
  /** File stem, e.g. `ch1-loss-vs-iterations`. */
  id: string;
  title: string;
  spec: TopLevelSpec;
}

/** A table of the tutorial, as data. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/** A printout kept verbatim (the tutorial's own text). */
export interface Printout {
  title: string;
  text: string;
}

/** Everything one chapter produces: data and chart specs only, no rendering. */
export interface ChapterOutput {
  number: number;
  id: string;
  title: string;
  printouts: Printout[];
  tables: Table[];
  figures: Figure[];
  /**
   * Diagrams with a step-through (the CLI draws their last step as SVG/PNG, the page steps through
   * them). A printout that a diagram `presents` is shown only in the terminal.
   */
  diagrams?: Diagram[];
  /** The key numbers, for results.json. */
  results: Record<string, unknown>;
}

/** Reports training progress (the CLI draws a bar; the page ignores it or draws a curve). */
export interface ProgressSink {
  start(label: string, total: number): void;
  update(done: number, info: { loss?: number; epoch?: number; epochs?: number }): void;
  end(): void;
}

/** What a chapter run receives. */
export interface ChapterContext {
  lang: Lang;
  seed: number;
  progress?: ProgressSink;
  /**
   * Real images for chapter 9 instead of the built-in digits (the CLI's `--data DIR` loads
   * Fashion-MNIST); loaded only when that chapter runs.
   */
  images?: () => Promise<ImageData>;
}

/** One chapter of the tutorial. */
export interface Chapter {
  number: number;
  id: string;
  title: Record<Lang, string>;
  /** `null` when runnable, otherwise why not (e.g. a package that has not landed yet). */
  unavailable: string | null;
  run(ctx: ChapterContext): ChapterOutput | Promise<ChapterOutput>;
}

/** A progress sink that does nothing. */
export const silentProgress: ProgressSink = { start() {}, update() {}, end() {} };
