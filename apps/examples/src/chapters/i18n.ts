import type { Lang } from './chapter';

const LABELS = {
  iteration: { en: 'iteration', zh: '迭代次数' },
  epoch: { en: 'epoch', zh: '轮次 (epoch)' },
  loss: { en: 'loss', zh: '损失' },
  accuracy: { en: 'test accuracy', zh: '测试准确率' },
  wallTime: { en: 'wall time (ms)', zh: '耗时 (毫秒)' },
  mode: { en: 'mode', zh: '方式' },
  batchSize: { en: 'batch size', zh: '批大小' },
  itersPerEpoch: { en: 'iterations/epoch', zh: '每轮迭代次数' },
  itersPer10: { en: 'iterations/10 epochs', zh: '10 轮迭代次数' },
  batch: { en: 'batch', zh: '批量梯度下降' },
  stochastic: { en: 'stochastic', zh: '随机梯度下降' },
  minibatch: { en: 'mini-batch', zh: '小批量梯度下降' },
  error: { en: 'E_total', zh: '总误差 E_total' },
  weight: { en: 'weight', zh: '权重' },
  gradient: { en: '∂E/∂w', zh: '梯度 ∂E/∂w' },
  updated: { en: 'updated', zh: '更新后' },
  value: { en: 'value', zh: '值' },
  quantity: { en: 'quantity', zh: '量' },
  day: { en: 'day', zh: '天' },
  temperature: { en: 'temperature', zh: '温度' },
  observed: { en: 'observed', zh: '观测值' },
  lr: { en: 'learning rate', zh: '学习率' },
  optimizer: { en: 'optimizer', zh: '优化器' },
  time: { en: 'time (s)', zh: '时间 (秒)' },
  scheduler: { en: 'scheduler', zh: '调度器' },
  method: { en: 'method', zh: '方法' },
  formula: { en: 'formula', zh: '公式' },
  notes: { en: 'notes', zh: '说明' },
  behaviour: { en: 'behaviour', zh: '表现' },
  factor: { en: 'factor', zh: '系数' },
} as const satisfies Record<string, Record<Lang, string>>;

/** A label key. */
export type LabelKey = keyof typeof LABELS;

/** The label in the given language. */
export function label(lang: Lang, key: LabelKey): string {
  return LABELS[key][lang];
}

/** Picks the string for the language from an `{ en, zh }` pair. */
export function pick(lang: Lang, text: Record<Lang, string>): string {
  return text[lang];
}
