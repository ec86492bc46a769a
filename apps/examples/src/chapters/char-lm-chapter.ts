import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang } from './chapter';
import { lineChart } from '../charts/line-chart';
import { trainCharLM } from './char-lm';
import type { CharLMOptions, CharLMResult } from './char-lm';
import { SONNETS } from './char-lm-text';

/**
 * The run the CLI and the page start with: small enough that `pnpm start` stays quick, long
 * enough that the samples turn from noise into English-looking words.
 */
export const CHAR_LM_DEFAULTS: Omit<CharLMOptions, 'seed'> = {
  steps: 200,
  batchSize: 16,
  seqLen: 32,
  embedDim: 16,
  hiddenSize: 64,
  maxLr: 0.02,
  sampleEvery: 50,
  sampleLength: 100,
  temperature: 0.8,
};

/** The loss and learning-rate curves of a run. */
export function charLMFigures(lang: Lang, r: CharLMResult): Figure[] {
  const zh = lang === 'zh';
  return [
    {
      id: 'ch8-char-lm-loss',
      title: zh ? '字符级语言模型的训练损失' : 'Training loss of the character-level language model',
      spec: lineChart({
        title: zh ? 'GRU 语言模型：每步的交叉熵（Adam + OneCycleLR）' : 'GRU language model: cross-entropy per step (Adam + OneCycleLR)',
        xTitle: zh ? '步' : 'step',
        yTitle: zh ? '交叉熵（nats/字符）' : 'cross-entropy (nats/char)',
        points: r.losses.map((y, i) => ({ x: i + 1, y, series: zh ? '损失' : 'loss' })),
        integerX: true,
        dataName: 'charLmLoss',
      }),
    },
    {
      id: 'ch8-char-lm-lr',
      title: zh ? 'OneCycleLR 学习率' : 'The one-cycle learning rate',
      spec: lineChart({
        title: zh ? '每步的学习率' : 'Learning rate of each step',
        xTitle: zh ? '步' : 'step',
        yTitle: zh ? '学习率' : 'learning rate',
        points: r.lrs.map((y, i) => ({ x: i + 1, y, series: 'lr' })),
        integerX: true,
      }),
    },
  ];
}

/** Chapter 8's output from a finished run. */
export function charLMOutput(lang: Lang, seed: number, r: CharLMResult): ChapterOutput {
  const zh = lang === 'zh';
  return {
    number: 8,
    id: 'char-lm',
    title: charLMChapter.title[lang],
    printouts: r.samples.map((s) => ({
      title: zh ? `第 ${s.step} 步的采样（温度 ${CHAR_LM_DEFAULTS.temperature}）` : `Sample after ${s.step} steps (temperature ${CHAR_LM_DEFAULTS.temperature})`,
      text: s.text,
    })),
    tables: [],
    figures: charLMFigures(lang, r),
    results: {
      seed,
      ...CHAR_LM_DEFAULTS,
      vocabSize: r.vocabSize,
      parameters: r.parameters,
      firstLoss: r.losses[0],
      finalLoss: r.losses[r.losses.length - 1],
      samples: r.samples,
    },
  };
}

function run(ctx: ChapterContext): ChapterOutput {
  const progress = ctx.progress;
  progress?.start('char-lm', CHAR_LM_DEFAULTS.steps);
  const r = trainCharLM(SONNETS, { ...CHAR_LM_DEFAULTS, seed: ctx.seed, onStep: (step, loss) => progress?.update(step, { loss }) });
  progress?.end();
  return charLMOutput(ctx.lang, ctx.seed, r);
}

/** Chapter 8: a character-level GRU language model trained on five of Shakespeare's sonnets. */
export const charLMChapter: Chapter = {
  number: 8,
  id: 'char-lm',
  title: { en: 'A character-level language model', zh: '字符级语言模型' },
  unavailable: null,
  run,
};
