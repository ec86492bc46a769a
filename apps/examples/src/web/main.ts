import './style.css';
import type { Lang } from '../chapters/chapter';
import { CHAPTERS } from '../chapters/index';
import { renderChapterOutput } from './chapter-view';
import { h } from './dom';
import { backpropSection } from './sections/backprop-section';
import { digitsSection } from './sections/digits-section';
import { ewaSection } from './sections/ewa-section';
import { gradientDescentSection } from './sections/gradient-descent-section';
import { learningRateSection } from './sections/learning-rate-section';
import { optimizersSection } from './sections/optimizers-section';
import { schedulersSection } from './sections/schedulers-section';
import { zooSection } from './sections/zoo-section';
import type { SectionSetup } from './sections/section';
import { ui } from './ui-text';

/** Interactive parts, by chapter id; every chapter also shows its static output. */
const SECTIONS: Record<string, SectionSetup> = {
  'gradient-descent': gradientDescentSection,
  backprop: backpropSection,
  ewa: ewaSection,
  'learning-rate': learningRateSection,
  optimizers: async (ctx) => {
    await optimizersSection(ctx);
    await digitsSection(ctx);
  },
  schedulers: schedulersSection,
  'optimizer-zoo': zooSection,
};

const SEED = 0;

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  const stored = localStorage.getItem('descent-lang');
  if (stored === 'en' || stored === 'zh') return stored;
  return navigator.language.startsWith('zh') ? 'zh' : 'en';
}

/** Bumped by every render: a render that a later one (a language switch) overtook stops. */
let generation = 0;

async function renderPage(lang: Lang): Promise<void> {
  const mine = ++generation;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = ui(lang, 'title');
  document.getElementById('page-title')!.textContent = ui(lang, 'title');
  document.getElementById('page-intro')!.textContent = ui(lang, 'intro');
  document.getElementById('lang-label')!.textContent = ui(lang, 'language');
  const main = document.getElementById('chapters')!;
  const toc = document.getElementById('toc')!;
  main.replaceChildren();
  toc.replaceChildren(
    ...CHAPTERS.map((c) => h('a', { href: `#ch${c.number}` }, `${c.number}. ${c.title[lang]}`)),
  );
  document.body.dataset.ready = 'false';
  for (const chapter of CHAPTERS) {
    if (mine !== generation) return;
    const section = h('section', {
      class: 'chapter',
      id: `ch${chapter.number}`,
      'data-chapter': String(chapter.number),
    });
    section.append(h('h2', {}, `${chapter.number}. ${chapter.title[lang]}`));
    main.append(section);
    if (chapter.unavailable !== null) {
      section.append(
        h('p', { class: 'unavailable' }, `${ui(lang, 'notAvailable')}: ${chapter.unavailable}`),
      );
      continue;
    }
    // Let the browser paint between chapters.
    await new Promise((r) => setTimeout(r, 0));
    if (mine !== generation) return;
    const output = await chapter.run({ lang, seed: SEED });
    if (mine !== generation) return;
    const controls = h('div', { class: 'interactive' });
    section.append(controls);
    const charts = await renderChapterOutput(output, section);
    await SECTIONS[chapter.id]?.({ chapter, output, lang, seed: SEED, controls, charts });
  }
  if (mine === generation) document.body.dataset.ready = 'true';
}

const select = document.getElementById('lang') as HTMLSelectElement;
const lang = initialLang();
select.value = lang;
select.addEventListener('change', () => {
  const next = select.value === 'zh' ? 'zh' : 'en';
  localStorage.setItem('descent-lang', next);
  void renderPage(next);
});
void renderPage(lang);
