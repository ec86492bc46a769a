import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang, Printout, Table } from './chapter';
import { filterGrid } from '../charts/filter-grid';
import { lineChart } from '../charts/line-chart';
import type { LinePoint } from '../charts/line-chart';
import { CONVNET_OPTIMIZERS, digitsImages, trainConvNet } from './convnet';
import type { ConvNetRun, ImageData } from './convnet';
import { label } from './i18n';

/** ln 10: the cross-entropy of a uniform guess over ten classes. */
export const GUESS_LOSS = Math.log(10);

/** The curves' points of the runs (x: epochs done), as the loss and accuracy charts draw them. */
export function convNetPoints(runs: readonly ConvNetRun[], which: 'loss' | 'accuracy', suffix = ''): LinePoint[] {
  return runs.flatMap((r) => r.points.map((p) => ({ x: p.epoch, y: p[which], series: `${r.optimizer}${suffix}` })));
}

/** The filter figure's rows: the shared initial filters, then each run's. */
export function filterRows(lang: Lang, runs: readonly ConvNetRun[]): { label: string; filters: number[][] }[] {
  const first = runs[0];
  if (first === undefined) return [];
  return [{ label: lang === 'zh' ? '初始' : 'initial', filters: first.initialFilters }, ...runs.map((r) => ({ label: r.optimizer, filters: r.filters }))];
}

/** The loss and accuracy curves side by side, and the first layer's filters before and after. */
export function convNetFigures(lang: Lang, data: ImageData, runs: readonly ConvNetRun[]): Figure[] {
  const zh = lang === 'zh';
  const integerX = Number.isInteger(runs[0]?.points[0]?.epoch ?? 1);
  return [
    {
      id: 'ch9-loss',
      title: zh ? `卷积网络在 ${data.name} 上的训练损失` : `Convnet on ${data.name}: training loss`,
      spec: lineChart({
        title: zh ? '训练损失（每轮的平均值）' : 'Training loss (mean over each epoch)',
        xTitle: label(lang, 'epoch'),
        yTitle: label(lang, 'loss'),
        integerX,
        marks: true,
        points: convNetPoints(runs, 'loss'),
        dataName: 'convnetLoss',
      }),
    },
    {
      id: 'ch9-accuracy',
      title: zh ? `卷积网络在 ${data.name} 上的测试准确率` : `Convnet on ${data.name}: test accuracy`,
      spec: lineChart({
        title: zh ? `测试准确率（${data.test.y.shape[0]} 张没训练过的图片）` : `Test accuracy (${data.test.y.shape[0]} images it never trained on)`,
        xTitle: label(lang, 'epoch'),
        yTitle: label(lang, 'accuracy'),
        integerX,
        marks: true,
        points: convNetPoints(runs, 'accuracy'),
        dataName: 'convnetAccuracy',
      }),
    },
    {
      id: 'ch9-filters',
      title: zh ? '第一层的 8 个 3×3 卷积核：训练前与训练后' : "The first layer's eight 3×3 filters, before and after",
      spec: filterGrid({
        title: zh ? '第一层卷积核（同一颜色刻度）' : 'First-layer filters (one colour scale)',
        rows: filterRows(lang, runs),
        k: 3,
        weightTitle: label(lang, 'weight'),
      }),
    },
  ];
}

/** How far training moved the first layer's filters: ‖W_after − W_before‖ (all 72 weights). */
export function filterDistance(run: ConvNetRun): number {
  let s = 0;
  run.filters.forEach((f, i) => f.forEach((w, j) => (s += (w - run.initialFilters[i]![j]!) ** 2)));
  return Math.sqrt(s);
}

/** Epochs (or fractions of one) until the mean loss first fell below 2, i.e. left the guessing plateau; `null` if never. */
export function plateauEpochs(run: ConvNetRun): number | null {
  return run.points.find((p) => p.loss < 2)?.epoch ?? null;
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** What to notice, written from the run's own numbers (so it stays true for any seed or data). */
export function whatToNotice(lang: Lang, data: ImageData, runs: readonly ConvNetRun[]): Printout {
  const by = new Map(runs.map((r) => [r.optimizer, r]));
  const first = (r: ConvNetRun | undefined): string => (r?.points[0] ? pct(r.points[0].accuracy) : '—');
  const last = (r: ConvNetRun | undefined): string => (r?.points.at(-1) ? pct(r.points.at(-1)!.accuracy) : '—');
  const plateau = (r: ConvNetRun | undefined): string => {
    const e = r ? plateauEpochs(r) : null;
    return e === null ? (lang === 'zh' ? '始终没有' : 'never') : String(e);
  };
  const moved = (name: string): string => (by.get(name) ? filterDistance(by.get(name)!).toFixed(2) : '—');
  const [sgd, mom, rms, adam] = ['SGD', 'Momentum', 'RMSprop', 'Adam'].map((n) => by.get(n));
  const n = data.train.y.shape[0];
  const text =
    lang === 'zh'
      ? [
          `四次训练用的是同一个卷积网络、同一组初始权重（manualSeed 之后创建）、同一批 ${n} 张训练图片、同样的批次顺序，唯一的不同是优化器。`,
          `1. 起点：损失从 ln 10 = ${GUESS_LOSS.toFixed(3)} 附近开始，这正是在 10 个类别中均匀瞎猜的交叉熵。`,
          `2. 平台：SGD 和 Momentum 要到第 ${plateau(sgd)} 和第 ${plateau(mom)} 轮损失才降到 2 以下；第 1 轮后它们的测试准确率只有 ${first(sgd)} 和 ${first(mom)}。`,
          `   初始权重很小，梯度也很小，而它们的步长正比于梯度。`,
          `3. RMSprop 和 Adam 把每个梯度除以它的均方根，梯度再小步长也约为 lr，所以第 1 轮后就有 ${first(rms)} 和 ${first(adam)}。`,
          `4. Momentum 的 lr = 0.01、β = 0.9，长期步长为 lr/(1 − β) = 0.1，与 SGD 的 lr 相同，所以两条曲线形状相似。`,
          `5. 最终测试准确率：SGD ${last(sgd)}，Momentum ${last(mom)}，RMSprop ${last(rms)}，Adam ${last(adam)}。`,
          `6. 卷积核：第一行是共同的初始卷积核；训练后各优化器把它们移动的距离 ‖W − W₀‖ 为 SGD ${moved('SGD')}，Momentum ${moved('Momentum')}，RMSprop ${moved('RMSprop')}，Adam ${moved('Adam')}。`,
        ].join('\n')
      : [
          `The four runs share the convnet, its initial weights (built right after manualSeed), the ${n} training images and the order of the batches:`,
          `the optimizer is the only difference.`,
          `1. The start: every loss begins near ln 10 = ${GUESS_LOSS.toFixed(3)}, the cross-entropy of guessing uniformly among ten classes.`,
          `2. The plateau: SGD's mean loss first drops below 2 after epoch ${plateau(sgd)}, Momentum's after epoch ${plateau(mom)}; after one epoch they`,
          `   classify ${first(sgd)} and ${first(mom)} of the test images. The initial weights are small, so are the gradients, and their steps are`,
          `   proportional to the gradient.`,
          `3. RMSprop and Adam divide each gradient by its root mean square, so even a tiny gradient gives a step of about lr: after one epoch`,
          `   they are at ${first(rms)} and ${first(adam)}.`,
          `4. Momentum runs at lr = 0.01 with β = 0.9: in the long run it steps lr/(1 − β) = 0.1, SGD's learning rate, so the two curves look alike.`,
          `5. Final test accuracy: SGD ${last(sgd)}, Momentum ${last(mom)}, RMSprop ${last(rms)}, Adam ${last(adam)}.`,
          `6. The filters: the first row is the initial filters every run starts from. How far training moved them, ‖W − W₀‖:`,
          `   SGD ${moved('SGD')}, Momentum ${moved('Momentum')}, RMSprop ${moved('RMSprop')}, Adam ${moved('Adam')}.`,
        ].join('\n');
  return { title: lang === 'zh' ? '值得注意的地方' : 'What to notice', text };
}

/** The final numbers of each run. */
export function convNetTable(lang: Lang, data: ImageData, runs: readonly ConvNetRun[]): Table {
  const plan = data.plan;
  return {
    title:
      lang === 'zh'
        ? `${data.name} 上的卷积网络（${plan.epochs} 轮，批大小 ${plan.batchSize}）`
        : `The convnet on ${data.name} (${plan.epochs} epoch${plan.epochs === 1 ? '' : 's'}, batch ${plan.batchSize})`,
    columns: [label(lang, 'optimizer'), label(lang, 'lr'), label(lang, 'loss'), label(lang, 'accuracy'), '‖W − W₀‖', label(lang, 'time')],
    rows: runs.map((r) => {
      const p = r.points.at(-1);
      return [r.optimizer, String(r.lr), p ? p.loss.toFixed(4) : '—', p ? pct(p.accuracy) : '—', filterDistance(r).toFixed(3), r.seconds.toFixed(2)];
    }),
  };
}

/** Chapter 9's output from finished runs. */
export function convNetOutput(lang: Lang, seed: number, data: ImageData, runs: readonly ConvNetRun[]): ChapterOutput {
  return {
    number: 9,
    id: 'convnet',
    title: convNetChapter.title[lang],
    printouts: [whatToNotice(lang, data, runs)],
    tables: [convNetTable(lang, data, runs)],
    figures: convNetFigures(lang, data, runs),
    results: {
      seed,
      data: data.name,
      trainSize: data.train.y.shape[0],
      testSize: data.test.y.shape[0],
      ...data.plan,
      runs: runs.map((r) => ({
        optimizer: r.optimizer,
        lr: r.lr,
        firstLosses: r.losses.slice(0, 10),
        epochLoss: r.points.map((p) => p.loss),
        testAccuracy: r.points.map((p) => p.accuracy),
        plateauEpochs: plateauEpochs(r),
        filterDistance: filterDistance(r),
        initialFilters: r.initialFilters,
        finalFilters: r.filters,
        seconds: r.seconds,
      })),
    },
  };
}

async function run(ctx: ChapterContext): Promise<ChapterOutput> {
  const data = ctx.images ? await ctx.images() : digitsImages(ctx.seed);
  const progress = ctx.progress;
  let current = '';
  const runs = await trainConvNet(data, {
    seed: ctx.seed,
    ...data.plan,
    onStep: (name, step, total, loss) => {
      if (name !== current) {
        if (current !== '') progress?.end();
        current = name;
        progress?.start(`ch9 ${data.name} ${name}`, total);
      }
      progress?.update(step, { loss });
    },
    // A macrotask now and then lets the CLI see Ctrl-C (a signal handler never runs while JavaScript is busy).
    pause: () => new Promise((r) => setTimeout(r, 0)),
  });
  if (current !== '') progress?.end();
  return convNetOutput(ctx.lang, ctx.seed, data, runs);
}

/** Chapter 9: SGD, momentum, RMSprop and Adam training the same small convnet on real images. */
export const convNetChapter: Chapter = {
  number: 9,
  id: 'convnet',
  title: { en: 'Optimizers on a real network', zh: '真实网络上的优化器' },
  unavailable: null,
  run,
};

/** The optimizers' names in the tutorial's order (for the page's controls). */
export const CONVNET_NAMES = CONVNET_OPTIMIZERS.map((o) => o.name);
