import type { Chapter, ChapterOutput, Lang } from '../../chapters/chapter';
import type { LiveChart } from '../render-chart';

/** What an interactive section gets: the chapter, its output, the language and where to draw. */
export interface SectionContext {
  chapter: Chapter;
  output: ChapterOutput;
  lang: Lang;
  seed: number;
  /** The section's interactive area, placed above the chapter's static output. */
  controls: HTMLElement;
  /** Live charts of the chapter's figures, by id. */
  charts: Map<string, LiveChart>;
}

/** Adds a chapter's controls (sliders, buttons, animations). */
export type SectionSetup = (ctx: SectionContext) => Promise<void> | void;
