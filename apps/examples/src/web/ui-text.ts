import type { Lang } from '../chapters/chapter';

const TEXT = {
  title: { en: 'Descent — the tutorial, runnable', zh: 'Descent —— 可运行的教程' },
  intro: {
    en: 'Every number and chart on this page is computed here, in your browser, by the same @descent packages and chart specs as the command-line app. Nothing is fetched.',
    zh: '本页的每个数字和图表都在你的浏览器中由与命令行程序相同的 @descent 包和图表描述计算得出，不访问网络。',
  },
  language: { en: 'Language', zh: '语言' },
  notAvailable: { en: 'Not available yet', zh: '暂不可用' },
  train: { en: 'Train', zh: '训练' },
  training: { en: 'training…', zh: '训练中……' },
  reset: { en: 'Reset', zh: '重置' },
  step: { en: 'Next update', zh: '下一次更新' },
  play: { en: 'Play', zh: '播放' },
  pause: { en: 'Pause', zh: '暂停' },
  liveLoss: { en: 'Live training (mini-batch)', zh: '实时训练（小批量）' },
  updates: { en: 'updates', zh: '次更新' },
  liveDigits: { en: 'Digits: training loss, live', zh: '手写数字：实时训练损失' },
  explorer: { en: 'Scheduler explorer', zh: '调度器探索' },
  stepThrough: { en: 'Step through back-propagation', zh: '逐步反向传播' },
  tryIt: { en: 'Try it', zh: '动手试试' },
  race: { en: 'The optimizer race', zh: '优化器赛跑' },
  momentum: { en: 'momentum (of Momentum)', zh: '动量系数（Momentum）' },
  lr0: { en: 'initial lr', zh: '初始学习率' },
  epochs: { en: 'epochs', zh: '轮数' },
  zoo: { en: 'Race them: pick a function and optimizers', zh: '赛跑：选择函数和优化器' },
  testFunction: { en: 'function', zh: '函数' },
} as const satisfies Record<string, Record<Lang, string>>;

/** A page string in the given language. */
export function ui(lang: Lang, key: keyof typeof TEXT): string {
  return TEXT[key][lang];
}
