import type { Chapter, Lang } from './chapter';

/** A chapter whose packages have not landed yet: listed, but not runnable. */
export function pendingChapter(
  number: number,
  id: string,
  title: Record<Lang, string>,
  reason: string,
): Chapter {
  return {
    number,
    id,
    title,
    unavailable: reason,
    run() {
      throw new Error(`chapter ${number} (${id}): not available yet: ${reason}`);
    },
  };
}
