import type { Chapter } from './chapter';
import { backpropChapter } from './backprop-chapter';
import { charLMChapter } from './char-lm-chapter';
import { convNetChapter } from './convnet-chapter';
import { ewaChapter } from './ewa-chapter';
import { gradientDescentChapter } from './gradient-descent-chapter';
import { learningRateChapter } from './learning-rate-chapter';
import { optimizersChapter } from './optimizers-chapter';
import { schedulersChapter } from './schedulers-chapter';
import { optimizerZooChapter } from './optimizer-zoo-chapter';

/** Every chapter of the tutorial, in order. */
export const CHAPTERS: readonly Chapter[] = [
  gradientDescentChapter,
  backpropChapter,
  ewaChapter,
  optimizersChapter,
  learningRateChapter,
  schedulersChapter,
  optimizerZooChapter,
  charLMChapter,
  convNetChapter,
];

/** Finds a chapter by number (`3`) or id (`ewa`); `undefined` when none matches. */
export function findChapter(key: string): Chapter | undefined {
  const k = key.trim().toLowerCase();
  return CHAPTERS.find(
    (c) => String(c.number) === k || c.id === k || c.title.en.toLowerCase() === k,
  );
}
