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
  ewaHint: {
    en: 'Move β: a larger β averages over more days (about 1/(1 − β)), smoother but later.',
    zh: '调整 β：β 越大，平均的天数越多（约 1/(1 − β)），曲线越平滑但越滞后。',
  },
  lrHint: {
    en: 'Move the learning rate past 0.25 and watch the steps on y = 4x² overshoot and diverge.',
    zh: '把学习率调到 0.25 以上，看 y = 4x² 上的步子越过最低点并发散。',
  },
  raceHint: {
    en: 'The charts show where each optimizer ends. Press Play to watch the race; move momentum and it runs again.',
    zh: '图中是各优化器的终点。按“播放”观看赛跑过程；调整动量会重新计算。',
  },
  explorerHint: {
    en: 'Pick a scheduler and change its options: the schedule is redrawn at once.',
    zh: '选一个调度器并修改其选项，学习率曲线会立即重画。',
  },
  charLmHint: {
    en: 'Train the model here, live: watch the loss fall and the samples turn from noise into words. A lower temperature gives safer, more repetitive text.',
    zh: '在这里实时训练模型：看损失下降，采样从乱码变成单词。温度越低，文本越保守、越重复。',
  },
  temperature: { en: 'Temperature', zh: '温度' },
  convnetHint: {
    en: 'The curves below were computed when the page loaded. Pick optimizers and epochs and press Train: they train side by side, one update each in turn, from the same initial weights, and their curves and filters are drawn live.',
    zh: '下图的曲线在页面加载时算出。选择优化器和轮数后按“训练”：它们从同一组初始权重出发，轮流各做一次更新，曲线和卷积核实时画出。',
  },
  stop: { en: 'Stop', zh: '停止' },
  progress: { en: 'training progress', zh: '训练进度' },
  pickOne: { en: 'Pick at least one optimizer.', zh: '请至少选择一个优化器。' },
  digitsHint: {
    en: 'The curves below were computed when the page loaded. Pick an optimizer and press Train: its run is drawn live on the loss chart, beside them.',
    zh: '下图的曲线在页面加载时算出。选一个优化器并按“训练”，它的训练过程会实时画在损失图上。',
  },
  updates: { en: 'updates', zh: '次更新' },
  downloadOnnx: { en: 'Download .onnx', zh: '下载 .onnx' },
  onnxHint: {
    en: 'After training, download the model as ONNX (input "pixels" [batch, 64] scaled to [0, 1], output "logits" [batch, 10]) and run it in any ONNX runtime: it predicts what the page predicts.',
    zh: '训练后可将模型下载为 ONNX 文件（输入 "pixels" [batch, 64]，像素缩放到 [0, 1]；输出 "logits" [batch, 10]），可在任何 ONNX 运行时中运行，预测与本页一致。',
  },
  onnxSaved: { en: 'saved', zh: '已保存' },
  onnxFailed: { en: 'export failed', zh: '导出失败' },
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
  device: { en: 'Run on', zh: '运行于' },
  gpuUnavailable: { en: 'GPU unavailable', zh: 'GPU 不可用' },
  lookingForGPU: { en: 'looking for a WebGPU adapter…', zh: '正在启动 WebGPU……' },
  convLayersCPU: {
    en: 'the convolution and pooling layers do not run on the GPU yet',
    zh: '卷积层暂时只在 CPU 上运行',
  },
  gpuHint: {
    en: 'On the GPU (WebGPU), the same run ends at the CPU’s loss to float32 rounding.',
    zh: 'GPU（WebGPU）上的同样训练，损失与 CPU 在 float32 误差内一致。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** A page string in the given language. */
export function ui(lang: Lang, key: keyof typeof TEXT): string {
  return TEXT[key][lang];
}
