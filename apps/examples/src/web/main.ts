import './style.css';
import type { Lang } from '../chapters/chapter';
import { CHAPTERS } from '../chapters/index';
import { renderChapterOutput } from './chapter-view';
import { chapterRunner, inWorker, serveChapters } from './chapter-runner';
import type { ChapterRunner } from './chapter-runner';
import { h } from './dom';
import { digitsSection } from './sections/digits-section';
import { ewaSection } from './sections/ewa-section';
import { gradientDescentSection } from './sections/gradient-descent-section';
import { learningRateSection } from './sections/learning-rate-section';
import { optimizersSection } from './sections/optimizers-section';
import { schedulersSection } from './sections/schedulers-section';
import { charLMSection } from './sections/char-lm-section';
import { convNetSection } from './sections/convnet-section';
import { zooSection } from './sections/zoo-section';
import type { SectionSetup } from './sections/section';
import { tableOfContents } from './toc';
import { ui } from './ui-text';

/** Interactive parts, by chapter id; every chapter also shows its static output. */
const SECTIONS: Record<string, SectionSetup> = {
  'gradient-descent': gradientDescentSection,
  ewa: ewaSection,
  'learning-rate': learningRateSection,
  optimizers: async (ctx) => {
    await optimizersSection(ctx);
    await digitsSection(ctx);
  },
  schedulers: schedulersSection,
  'optimizer-zoo': zooSection,
  'char-lm': charLMSection,
  convnet: convNetSection,
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

/** Scrolls to the URL's #fragment once its target exists (sections fill in as they compute). */
function followHash(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id === '' || document.body.dataset.followedHash === id) return;
  const target = document.getElementById(id);
  if (target === null) return;
  document.body.dataset.followedHash = id;
  target.scrollIntoView();
}

async function renderPage(lang: Lang, runner: ChapterRunner): Promise<void> {
  const mine = ++generation;
  runner.reset();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = ui(lang, 'title');
  document.getElementById('page-title')!.textContent = ui(lang, 'title');
  document.getElementById('page-intro')!.textContent = ui(lang, 'intro');
  document.getElementById('lang-label')!.textContent = ui(lang, 'language');
  const main = document.getElementById('chapters')!;
  document.body.dataset.ready = 'false';
  // The shell first: every chapter's heading and a line saying it is being computed, so the
  // contents and the headings work at once; each chapter fills in when its output arrives.
  const sections = CHAPTERS.map((chapter) => {
    const section = h(
      'section',
      {
        class: 'chapter',
        id: `ch${chapter.number}`,
        'data-chapter': String(chapter.number),
        'aria-labelledby': `ch${chapter.number}-title`,
      },
      h(
        'h2',
        { id: `ch${chapter.number}-title` },
        h(
          'a',
          { href: `#ch${chapter.number}`, class: 'anchor' },
          `${chapter.number}. ${chapter.title[lang]}`,
        ),
      ),
    );
    const placeholder =
      chapter.unavailable === null
        ? h('p', { class: 'computing' }, ui(lang, 'computing'))
        : h('p', { class: 'unavailable' }, `${ui(lang, 'notAvailable')}: ${chapter.unavailable}`);
    section.append(placeholder);
    return { chapter, section, placeholder };
  });
  main.replaceChildren(...sections.map((s) => s.section));
  tableOfContents(
    document.getElementById('toc')!,
    lang,
    sections.map((s) => s.section),
  );
  await new Promise((r) => requestAnimationFrame(r));
  if (mine !== generation) return;
  if (document.body.dataset.interactive !== 'true') {
    performance.mark('descent-interactive');
    document.body.dataset.interactive = 'true';
  }
  followHash();
  // Ask for every chapter at once (the worker runs them in order), draw each as it arrives.
  const outputs = sections.map(({ chapter }) =>
    chapter.unavailable === null ? runner.run(chapter, { lang, seed: SEED }) : undefined,
  );
  for (const [i, { chapter, section, placeholder }] of sections.entries()) {
    const pending = outputs[i];
    if (pending === undefined) continue;
    let output;
    try {
      output = await pending;
    } catch (e) {
      placeholder.className = 'unavailable';
      placeholder.textContent = `${ui(lang, 'failed')}: ${(e as Error).message}`;
      continue;
    }
    if (mine !== generation) return;
    placeholder.remove();
    const controls = h('div', { class: 'interactive' });
    section.append(controls);
    const charts = await renderChapterOutput(output, section, lang);
    if (mine !== generation) return;
    await SECTIONS[chapter.id]?.({ chapter, output, lang, seed: SEED, controls, charts });
    followHash();
  }
  if (mine === generation) document.body.dataset.ready = 'true';
}

function startPage(): void {
  // Captured now: `currentScript` is only set while the script itself runs.
  const script = document.currentScript;
  const runner = chapterRunner(script instanceof HTMLScriptElement ? script.src : undefined);
  const select = document.getElementById('lang') as HTMLSelectElement;
  const lang = initialLang();
  select.value = lang;
  select.addEventListener('change', () => {
    const next = select.value === 'zh' ? 'zh' : 'en';
    localStorage.setItem('descent-lang', next);
    void renderPage(next, runner);
  });
  window.addEventListener('hashchange', () => {
    delete document.body.dataset.followedHash;
    followHash();
  });
  void renderPage(lang, runner);
}

if (inWorker) serveChapters();
else startPage();
