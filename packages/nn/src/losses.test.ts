import { ones, tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, functional, HuberLoss, Linear, MSELoss, NLLLoss, SmoothL1Loss } from './index';

const logits = tensor([
  [1, 2, 3],
  [0, 0, 0],
]);
const labels = tensor([2, 0], { dtype: 'int32' });

describe('loss validation', () => {
  it.each<[string, () => unknown, Error]>([
    ['an unknown reduction', () => new MSELoss({ reduction: 'avg' as 'mean' }), new RangeError('avg is not a valid value for reduction')],
    ['a negative beta', () => new SmoothL1Loss({ beta: -1 }), new RangeError('smooth_l1_loss does not support negative values for beta.')],
    ['a zero delta', () => new HuberLoss({ delta: 0 }), new RangeError('huber_loss does not support non-positive values for delta.')],
    ['label smoothing above 1', () => new CrossEntropyLoss({ labelSmoothing: 1.5 }), new RangeError('label_smoothing must be between 0.0 and 1.0. Got: 1.5')],
    ['a target out of range', () => new CrossEntropyLoss().forward(logits, tensor([3, 0], { dtype: 'int32' })), new RangeError('Target 3 is out of bounds.')],
    ['a float target of the wrong shape', () => new CrossEntropyLoss().forward(logits, zeros([2])), new RangeError('Expected a target of class probabilities shaped like the input [2, 3], got [2]')],
    [
      'ignoreIndex with probability targets',
      () => new CrossEntropyLoss({ ignoreIndex: 1 }).forward(logits, zeros([2, 3])),
      new RangeError('ignore_index is not supported for floating point target'),
    ],
    ['a batch mismatch', () => new NLLLoss().forward(logits, tensor([0], { dtype: 'int32' })), new RangeError('Expected input batch_size (2) to match target batch_size (1).')],
    ['a weight of the wrong size', () => new NLLLoss({ weight: ones([2]) }).forward(logits, labels), new RangeError('weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]')],
    ['a float index target', () => new NLLLoss().forward(logits, tensor([2, 0])), new TypeError('expected target of dtype int32 (class indices), got float32')],
    ['probabilities outside [0, 1]', () => new BCELoss().forward(tensor([0.5, 1.5]), tensor([0, 1])), new RangeError('all elements of input should be between 0 and 1')],
    [
      'BCE shapes that differ',
      () => new BCELoss().forward(tensor([0.5, 0.5]), tensor([[0, 1]])),
      new RangeError('Using a target size ([1, 2]) that is different to the input size ([2]) is deprecated. Please ensure they have the same size.'),
    ],
    ['BCEWithLogits shapes that differ', () => new BCEWithLogitsLoss().forward(zeros([2]), zeros([3])), new RangeError('Target size ([3]) must be the same as input size ([2])')],
  ])('rejects %s', (_label, run, error) => {
    expect(run).toThrow(error);
    expect(run).toThrow(error.constructor);
  });
});

describe('loss semantics', () => {
  it('cross entropy of uniform logits is log C, and ignored samples are left out of the mean', () => {
    // Row 1 has equal logits: −log(1/3) = log 3. Row 0 is ignored, so the mean is log 3.
    const loss = new CrossEntropyLoss({ ignoreIndex: 2 }).forward(logits.to('float64'), labels);
    expect(loss.item()).toBeCloseTo(Math.log(3), 14);
  });

  it('NLL of every sample ignored is NaN (0 / 0), as in PyTorch', () => {
    expect(functional.nllLoss(logits, tensor([-100, -100], { dtype: 'int32' })).item()).toBeNaN();
  });

  it('handles one unbatched sample', () => {
    // −log softmax([1, 2, 3])[2] = log(e + e² + e³) − 3
    const want = Math.log(Math.E + Math.E ** 2 + Math.E ** 3) - 3;
    expect(functional.crossEntropy(tensor([1, 2, 3], { dtype: 'float64' }), tensor(2, { dtype: 'int32' })).item()).toBeCloseTo(want, 14);
  });

  it('BCE is finite at 0 and 1 thanks to the −100 clamp', () => {
    // −(1·max(log 0, −100)) = 100 for the first element; 0 for the second (x = y = 1; −0 in
    // PyTorch's formula as in ours, so compare with ===)
    const loss = new BCELoss({ reduction: 'none' }).forward(tensor([0, 1], { dtype: 'float64' }), tensor([1, 1], { dtype: 'float64' }));
    const [first, second] = Array.from(loss.toTypedArray());
    expect(first).toBe(100);
    expect(second === 0).toBe(true);
  });

  it('BCEWithLogits stays finite for huge logits', () => {
    const loss = functional.binaryCrossEntropyWithLogits(tensor([1000, -1000], { dtype: 'float64' }), tensor([0, 1], { dtype: 'float64' }), { reduction: 'none' });
    expect(Array.from(loss.toTypedArray())).toEqual([1000, 1000]);
  });

  it('broadcasts MSE targets and keeps gradients flowing through a model', () => {
    const layer = new Linear(2, 1);
    const loss: Tensor = new MSELoss().forward(layer.forward(ones([3, 2])), zeros([1]));
    loss.backward();
    expect(layer.weight.grad!.shape).toEqual([1, 2]);
  });
});

describe('class losses take the weight positionally, as PyTorch', () => {
  // F.nll_loss(logp, y, w) = 1.875 (unweighted 1.425), F.nll_loss(logp, y, w, reduction='sum') = 13.5,
  // F.cross_entropy(logp, y, w) = 1.9247372371248008 in PyTorch 1.13, float64.
  const logp = tensor([[-0.5, -1.2, -2.0], [-1.5, -0.3, -2.2], [-0.9, -1.1, -1.4], [-2.5, -0.2, -1.9]], { dtype: 'float64' });
  const y = tensor([0, 2, 1, 2], { dtype: 'int32' });
  const w = tensor([0.2, 1.0, 3.0], { dtype: 'float64' });

  it.each<[string, () => number, number]>([
    ['nllLoss(logp, y, w)', () => functional.nllLoss(logp, y, w).item(), 1.875],
    ['nllLoss(logp, y, w, { reduction })', () => functional.nllLoss(logp, y, w, { reduction: 'sum' }).item(), 13.5],
    ['nllLoss(logp, y, null)', () => functional.nllLoss(logp, y, null).item(), 1.425],
    ['crossEntropy(logp, y, w)', () => functional.crossEntropy(logp, y, w).item(), 1.9247372371248008],
  ])('%s', (_label, got, want) => {
    expect(got()).toBeCloseTo(want, 12);
  });

  it('refuses a weight given twice and unknown options', () => {
    expect(() => functional.nllLoss(logp, y, w, { weight: w })).toThrow(new TypeError("nll_loss() got multiple values for argument 'weight'"));
    expect(() => functional.nllLoss(logp, y, { reductoin: 'sum' } as never)).toThrow(new TypeError("nll_loss() got an unexpected keyword argument 'reductoin'"));
  });
});
