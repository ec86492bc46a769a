import type { Lang } from '../chapters/chapter';

const TEXT = {
  title: { en: 'Descent — the tutorial, runnable', zh: 'Descent —— 可运行的教程' },
  intro: {
    en: 'Every number and chart on this page is computed here, in your browser, by the same @descent packages and chart specs as the command-line app. Nothing is fetched.',
    zh: '本页的每个数字和图表都在你的浏览器中由与命令行程序相同的 @descent 包和图表描述计算得出，不访问网络。',
  },
  language: { en: 'Language', zh: '语言' },
  notAvailable: { en: 'Not available yet', zh: '暂不可用' },
  computing: { en: 'Computing this chapter…', zh: '正在计算本章……' },
  failed: { en: 'This chapter failed', zh: '本章计算失败' },
  train: { en: 'Train', zh: '训练' },
  training: { en: 'training…', zh: '训练中……' },
  reset: { en: 'Reset', zh: '重置' },
  step: { en: 'Next update', zh: '下一次更新' },
  play: { en: 'Play', zh: '播放' },
  pause: { en: 'Pause', zh: '暂停' },
  liveLoss: { en: 'Live training (mini-batch)', zh: '实时训练（小批量）' },
  liveHint: {
    en: 'This run starts by itself when the chart comes into view. Move the sliders, then press Train to run it again.',
    zh: '图表出现时训练自动开始。调整滑块后按“训练”再运行一次。',
  },
  digitsHint: {
    en: 'The curves below were computed when the page loaded. Pick an optimizer and press Train: its run is drawn live on the loss chart, beside them.',
    zh: '下图的曲线在页面加载时算出。选一个优化器并按“训练”，它的训练过程会实时画在损失图上。',
  },
  updates: { en: 'updates', zh: '次更新' },
  liveDigits: { en: 'Digits: training loss, live', zh: '手写数字：实时训练损失' },
  explorer: { en: 'Scheduler explorer', zh: '调度器探索' },
  stepThrough: { en: 'Step through back-propagation', zh: '逐步反向传播' },
  tryIt: { en: 'Try it', zh: '动手试试' },
  race: { en: 'The optimizer race', zh: '优化器赛跑' },
  momentum: { en: 'momentum (of Momentum)', zh: '动量系数（Momentum）' },
  lr0: { en: 'initial lr', zh: '初始学习率' },
  epochs: { en: 'epochs', zh: '轮数' },
} as const satisfies Record<string, Record<Lang, string>>;

/** A page string in the given language. */
export function ui(lang: Lang, key: keyof typeof TEXT): string {
  return TEXT[key][lang];
}
