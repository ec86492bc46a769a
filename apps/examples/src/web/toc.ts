import type { Lang } from '../chapters/chapter';
import { h } from './dom';

/** The scroll listener of the current table of contents (replaced on a language switch). */
let onScroll: (() => void) | undefined;

/**
 * Fills the sticky table of contents with one link per chapter section (so a chapter added to the
 * registry appears by itself) and keeps the link of the section being read marked
 * (`aria-current="location"`), scrolled into view when the bar is narrower than its links.
 */
export function tableOfContents(
  nav: HTMLElement,
  lang: Lang,
  sections: readonly HTMLElement[],
): void {
  nav.setAttribute('aria-label', lang === 'zh' ? '目录' : 'Contents');
  const links = sections.map((s) =>
    h('a', { href: `#${s.id}` }, s.querySelector('h2')?.textContent ?? s.id),
  );
  nav.replaceChildren(h('ol', {}, ...links.map((a) => h('li', {}, a))));
  let current = -1;
  const update = (): void => {
    // The section whose top has passed under the bar is the one being read.
    const line = nav.getBoundingClientRect().bottom + 8;
    let now = 0;
    sections.forEach((s, i) => {
      if (s.getBoundingClientRect().top <= line) now = i;
    });
    if (now === current) return;
    current = now;
    links.forEach((a, i) => {
      if (i === now) a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
    });
    const a = links[now];
    if (a !== undefined && nav.scrollWidth > nav.clientWidth)
      nav.scrollLeft = a.offsetLeft - (nav.clientWidth - a.offsetWidth) / 2;
  };
  if (onScroll !== undefined) window.removeEventListener('scroll', onScroll);
  let queued = false;
  onScroll = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      update();
    });
  };
  window.addEventListener('scroll', onScroll, { passive: true });
  update();
}
