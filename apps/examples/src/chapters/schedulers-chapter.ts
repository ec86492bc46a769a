import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang, Table } from './chapter';
import { lineChart } from '../charts/line-chart';
import { smallMultiplesChart } from '../charts/small-multiples';
import { label } from './i18n';
import { SCHEDULERS, simulateSchedule } from './scheduler-catalogue';

/** The tutorial's three schedules (SGD lr 0.1, momentum 0.9, 200 epochs). */
export const TUTORIAL_SCHEDULERS = ['StepLR', 'MultiStepLR', 'ExponentialLR'] as const;
export const EPOCHS = 200;

/** Every schedule of the catalogue over 200 epochs, by name. */
export function allSchedules(): Map<string, number[]> {
  return new Map(
    SCHEDULERS.map((e) => [e.name, simulateSchedule(e, undefined, { epochs: EPOCHS }).lrs]),
  );
}

function figures(lang: Lang, schedules: Map<string, number[]>): Figure[] {
  const tutorial = TUTORIAL_SCHEDULERS.flatMap((name) =>
    (schedules.get(name) ?? []).map((y, x) => ({ x, y, series: name })),
  );
  const others = [...schedules].filter(
    ([name]) => !(TUTORIAL_SCHEDULERS as readonly string[]).includes(name),
  );
  return [
    {
      id: 'ch6-tutorial-schedules',
      title:
        lang === 'zh'
          ? 'StepLR、MultiStepLR 与 ExponentialLR'
          : 'StepLR, MultiStepLR and ExponentialLR',
      spec: lineChart({
        title:
          lang === 'zh' ? '200 轮的学习率（初始 0.1）' : 'Learning rate over 200 epochs (from 0.1)',
        xTitle: label(lang, 'epoch'),
        yTitle: label(lang, 'lr'),
        points: tutorial,
      }),
    },
    {
      id: 'ch6-scheduler-grid',
      title: lang === 'zh' ? '其他调度器' : 'Every other scheduler',
      spec: smallMultiplesChart({
        title: lang === 'zh' ? '其他调度器（200 轮）' : 'Every other scheduler (200 epochs)',
        xTitle: label(lang, 'epoch'),
        yTitle: 'lr',
        points: others.flatMap(([panel, lrs]) => lrs.map((y, x) => ({ x, y, panel }))),
      }),
    },
  ];
}

/** The comparison of decay methods (lr₀ is the initial rate, t the epoch). */
export function decayTable(lang: Lang): Table {
  const zh = lang === 'zh';
  return {
    title: zh ? '学习率衰减方法比较' : 'Decay methods compared',
    columns: [label(lang, 'method'), label(lang, 'formula'), label(lang, 'notes')],
    rows: [
      [
        'StepLR',
        'lr₀·γ^⌊t/s⌋',
        zh ? '每 s 轮乘以 γ；简单常用' : 'multiply by γ every s epochs; simple, common',
      ],
      ['MultiStepLR', 'lr₀·γ^(#milestones ≤ t)', zh ? '在指定轮次衰减' : 'decay at chosen epochs'],
      [
        'ExponentialLR',
        'lr₀·γ^t',
        zh ? '每轮平滑衰减；γ 需接近 1' : 'smooth decay every epoch; γ near 1',
      ],
      [
        'InverseTimeLR (1/t)',
        'lr₀/(1 + k·t)',
        zh ? '反时间衰减；经典的 SGD 收敛条件' : 'inverse-time decay; classic SGD convergence',
      ],
      ['PolynomialLR', 'lr₀·(1 − t/T)^p', zh ? 'T 轮后降到 0' : 'reaches 0 at T'],
      [
        'CosineAnnealingLR',
        'η_min + (lr₀ − η_min)(1 + cos(πt/T))/2',
        zh ? '平滑余弦；常配合预热' : 'smooth cosine; often after warm-up',
      ],
      [
        'CosineAnnealingWarmRestarts',
        zh ? '余弦，周期 T₀·T_mult^i 后重启' : 'cosine restarted after T₀·T_multⁱ',
        zh ? '周期性重启以跳出局部极小' : 'restarts to escape poor minima',
      ],
      [
        'CyclicLR / OneCycleLR',
        zh ? '在 base 与 max 之间循环' : 'cycle between base and max',
        zh ? '动量反向循环；训练快' : 'momentum cycles inversely; fast training',
      ],
      [
        'ReduceLROnPlateau',
        zh
          ? '指标停滞 patience 轮后乘以 factor'
          : '×factor after `patience` epochs without improvement',
        zh ? '依据验证指标自适应' : 'adapts to the validation metric',
      ],
    ],
  };
}

function run(ctx: ChapterContext): ChapterOutput {
  const { lang } = ctx;
  const schedules = allSchedules();
  const at = [0, 49, 50, 124, 125, 159, 160, 199, 200];
  return {
    number: 6,
    id: 'schedulers',
    title: schedulersChapter.title[lang],
    printouts: [],
    tables: [
      {
        title: 'SGD(lr=0.1, momentum=0.9)',
        columns: [label(lang, 'epoch'), ...TUTORIAL_SCHEDULERS],
        rows: at.map((e) => [
          e,
          ...TUTORIAL_SCHEDULERS.map((name) => (schedules.get(name)?.[e] ?? NaN).toPrecision(6)),
        ]),
      },
      decayTable(lang),
    ],
    figures: figures(lang, schedules),
    results: {
      epochs: EPOCHS,
      tutorial: Object.fromEntries(TUTORIAL_SCHEDULERS.map((name) => [name, schedules.get(name)])),
      finalLr: Object.fromEntries([...schedules].map(([name, lrs]) => [name, lrs[lrs.length - 1]])),
    },
  };
}

/** Chapter 6: learning-rate schedulers. */
export const schedulersChapter: Chapter = {
  number: 6,
  id: 'schedulers',
  title: { en: 'Learning-rate schedulers', zh: '学习率衰减' },
  unavailable: null,
  run,
};
