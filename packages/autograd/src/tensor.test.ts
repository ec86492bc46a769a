import { Tensor as BaseTensor, tensor as baseTensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { noGrad } from './grad-mode';
import { tensor, zeros } from './factories';
import { where } from './ops/indexing';
import { Tensor } from './tensor';

describe('Tensor (autograd state)', () => {
  it('is a @descent/tensor Tensor and every op result stays an autograd Tensor', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(x).toBeInstanceOf(BaseTensor);
    const results = [
      x.gt(1),
      x.argmax(),
      x.mul(2),
      x.reshape([3, 1]).T,
      x.eq(x).logicalNot(),
      x.split(1)[0]!,
    ];
    for (const r of results) expect(r).toBeInstanceOf(Tensor);
  });

  it('reports leaves, gradFn names and requiresGrad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    expect(x.isLeaf).toBe(true);
    expect(x.gradFn).toBeNull();
    expect(y.isLeaf).toBe(false);
    expect(y.requiresGrad).toBe(true);
    expect(y.gradFn!.name).toBe('MulBackward0');
    expect(y.gradFn!.nextFunctions[0]!.name).toBe('AccumulateGrad');
    expect(tensor([1]).mul(2).isLeaf).toBe(true);
  });

  it.each([
    ['sum()', (x: Tensor) => x.sum(), 'SumBackward0'],
    ['sum(0)', (x: Tensor) => x.sum(0), 'SumBackward1'],
    ['mean()', (x: Tensor) => x.mean(), 'MeanBackward0'],
    ['max()', (x: Tensor) => x.max(), 'MaxBackward1'],
    ['add(1)', (x: Tensor) => x.add(1), 'AddBackward0'],
    ['div(2)', (x: Tensor) => x.div(2), 'DivBackward0'],
    ['pow(2)', (x: Tensor) => x.pow(2), 'PowBackward0'],
    ['pow(x)', (x: Tensor) => x.pow(x), 'PowBackward1'],
    ['clamp(0)', (x: Tensor) => x.clamp(0), 'ClampBackward1'],
    ['relu()', (x: Tensor) => x.relu(), 'ReluBackward0'],
    ['unsqueeze(0)', (x: Tensor) => x.unsqueeze(0), 'UnsqueezeBackward0'],
    ['narrow', (x: Tensor) => x.narrow(0, 0, 1), 'SliceBackward0'],
    ['select', (x: Tensor) => x.select(0, 1), 'SelectBackward0'],
    ['cumsum', (x: Tensor) => x.cumsum(0), 'CumsumBackward0'],
    ['softmax', (x: Tensor) => x.softmax(0), 'SoftmaxBackward0'],
    ['logsumexp', (x: Tensor) => x.logsumexp(0), 'LogsumexpBackward0'],
    ['dot', (x: Tensor) => x.matmul(x), 'DotBackward0'],
    ['to(float64)', (x: Tensor) => x.to('float64'), 'ToCopyBackward0'],
    ['var()', (x: Tensor) => x.var(), 'VarBackward0'],
    ['std()', (x: Tensor) => x.std(), 'StdBackward0'],
    ['norm()', (x: Tensor) => x.norm(), 'NormBackward1'],
  ])('names the node of %s like PyTorch 1.13 (%s)', (_op, fn, name) => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(fn(x).gradFn!.name).toBe(name);
  });

  it.each([
    [[3], [3], 'DotBackward0'],
    [[3], [3, 2], 'SqueezeBackward3'],
    [[2, 3], [3], 'MvBackward0'],
    [[2, 3], [3, 4], 'MmBackward0'],
    [[2, 2, 3], [3, 4], 'UnsafeViewBackward0'],
    [[3, 4], [2, 4, 2], 'CloneBackward0'],
    [[4], [2, 4, 3], 'UnsafeViewBackward0'],
    [[2, 3, 4], [4], 'UnsafeViewBackward0'],
    [[2, 3, 4], [2, 4, 5], 'UnsafeViewBackward0'],
  ])('names matmul of %j and %j like PyTorch 1.13 (%s)', (sa, sb, name) => {
    const a = zeros(sa, { requiresGrad: true });
    expect(a.matmul(zeros(sb)).gradFn!.name).toBe(name);
  });

  it('prints requires_grad and grad_fn as PyTorch does', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(x.toString()).toBe('tensor([1., 2., 3.], requires_grad=True)');
    expect(x.mul(2).toString()).toBe('tensor([2., 4., 6.], grad_fn=<MulBackward0>)');
    expect(tensor([1, 2], { dtype: 'float64', requiresGrad: true }).mul(2).toString()).toBe(
      'tensor([2., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)',
    );
    expect(tensor([1]).toString()).toBe('tensor([1.])');
  });

  it('refuses requiresGrad on integer and bool tensors', () => {
    const message = new Error('only Tensors of floating point dtype can require gradients');
    expect(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow(message);
    expect(() => tensor([1], { dtype: 'int32' }).requiresGrad_()).toThrow(message);
    expect(() => tensor([true], { requiresGrad: true })).toThrow(message);
  });

  it('refuses to clear requiresGrad of a non-leaf', () => {
    const y = tensor([1], { requiresGrad: true }).mul(2);
    expect(() => (y.requiresGrad = false)).toThrow(
      new Error(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      ),
    );
  });

  it('validates an assigned grad and wraps a plain tensor', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(() => (x.grad = zeros([2]))).toThrow(
      new RangeError('assigned grad has data of a different size'),
    );
    expect(() => (x.grad = zeros([3], { dtype: 'float64' }))).toThrow(
      new TypeError('assigned grad has data of a different type'),
    );
    x.grad = baseTensor([4, 5, 6]);
    expect(x.grad).toBeInstanceOf(Tensor);
    expect(Array.from(x.grad!.toTypedArray())).toEqual([4, 5, 6]);
  });

  it('data shares storage without history, and its setter swaps the storage', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const d = x.data;
    expect(d.requiresGrad).toBe(false);
    expect(d.storage).toBe(x.storage);
    d.mul_(10); // allowed: no history
    expect(Array.from(x.toTypedArray())).toEqual([10, 20]);
    x.data = tensor([7, 8, 9]);
    expect(x.shape).toEqual([3]);
    expect(x.requiresGrad).toBe(true);
    expect(Array.from(x.toTypedArray())).toEqual([7, 8, 9]);
  });

  it('detach() and detach_() drop history', () => {
    const y = tensor([1], { requiresGrad: true }).mul(2);
    const d = y.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.storage).toBe(y.storage);
    y.detach_();
    expect(y.isLeaf).toBe(true);
    expect(y.requiresGrad).toBe(false);
  });

  it('retainGrad refuses tensors that do not require grad', () => {
    expect(() => tensor([1]).retainGrad()).toThrow(
      new Error("can't retain_grad on Tensor that has requires_grad=False"),
    );
  });

  it('backward of a non-scalar needs a gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(
      new Error('grad can be implicitly created only for scalar outputs'),
    );
    x.mul(2).backward(tensor([1, 10]));
    expect(Array.from(x.grad!.toTypedArray())).toEqual([2, 20]);
  });

  it('backward checks the shape of the given gradient', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(() => x.mul(2).backward(tensor([1, 2]))).toThrow(
      new RangeError(
        'Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3]).',
      ),
    );
  });

  it('backward of a tensor without history fails', () => {
    expect(() => tensor(1).backward()).toThrow(
      new Error('element 0 of tensors does not require grad and does not have a grad_fn'),
    );
  });

  it('max(dim) sends the gradient to the returned index; max() splits ties evenly (PyTorch 1.13)', () => {
    const x = tensor(
      [
        [1, 5, 5],
        [2, 0, 2],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    x.max(1).values.sum().backward();
    // first index of each row's maximum
    expect(Array.from(x.grad!.toTypedArray())).toEqual([0, 1, 0, 1, 0, 0]);
    const y = tensor([3, 1, 3], { dtype: 'float64', requiresGrad: true });
    y.max().backward();
    expect(Array.from(y.grad!.toTypedArray())).toEqual([0.5, 0, 0.5]);
  });

  it('relu has gradient 0 at 0, clamp passes it at the bounds, maximum splits ties', () => {
    const x = tensor([-1, 0, 2], { dtype: 'float64', requiresGrad: true });
    x.relu().sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([0, 0, 1]);
    const c = tensor([0, 0.5, 1, 2], { dtype: 'float64', requiresGrad: true });
    c.clamp(0.5, 1).sum().backward();
    expect(Array.from(c.grad!.toTypedArray())).toEqual([0, 1, 1, 0]);
    const a = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const b = tensor([1, 3], { dtype: 'float64', requiresGrad: true });
    a.maximum(b).sum().backward();
    expect(Array.from(a.grad!.toTypedArray())).toEqual([0.5, 0]);
    expect(Array.from(b.grad!.toTypedArray())).toEqual([0.5, 1]);
  });

  it.each([
    ['sign', (x: Tensor) => x.sign()],
    ['floor', (x: Tensor) => x.floor()],
    ['round', (x: Tensor) => x.round()],
    ['pow(0)', (x: Tensor) => x.pow(0)],
  ])('%s passes zeros back even when the incoming gradient is infinite (PyTorch)', (_n, f) => {
    const x = tensor([0.5, 2], { dtype: 'float64', requiresGrad: true });
    f(x).mul(Infinity).sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([0, 0]);
  });

  it('to() between float dtypes converts the gradient back', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.to('float64').mul(3).sum().backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(Array.from(x.grad!.toTypedArray())).toEqual([3, 3]);
    expect(x.to('int32').requiresGrad).toBe(false);
  });

  it('a float32 leaf mixed with float64 gets a float32 gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(tensor([2, 4], { dtype: 'float64' }))
      .sum()
      .backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(Array.from(x.grad!.toTypedArray())).toEqual([2, 4]);
  });

  it('norm() has gradient 0 at the zero vector (PyTorch), a/‖a‖ elsewhere', () => {
    const z = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
    z.norm().backward();
    expect(Array.from(z.grad!.toTypedArray())).toEqual([0, 0]);
    const a = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    a.norm().backward();
    const [g0, g1] = Array.from(a.grad!.toTypedArray());
    expect(g0).toBeCloseTo(0.6, 15);
    expect(g1).toBeCloseTo(0.8, 15);
  });

  it('a subclass (like nn.Parameter) produces plain autograd Tensors', () => {
    class Parameter extends Tensor {
      constructor(data: BaseTensor) {
        super(data.storage, data.shape, data.strides, data.offset, data.dtype);
        this.requiresGrad = true;
      }
    }
    const p = new Parameter(baseTensor([1, 2]));
    const y = p.mul(2);
    expect(y).toBeInstanceOf(Tensor);
    expect(y).not.toBeInstanceOf(Parameter);
    y.sum().backward();
    expect(Array.from(p.grad!.toTypedArray())).toEqual([2, 2]);
  });

  it('where() takes numbers for either branch', () => {
    const x = tensor([-1, 2], { dtype: 'float64', requiresGrad: true });
    const y = where(x.gt(0), x, 0);
    expect(y.gradFn!.name).toBe('WhereBackward0');
    y.mul(3).sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([0, 3]);
    expect(Array.from(where(x.gt(0), 1, x).toTypedArray())).toEqual([-1, 1]);
  });

  it.each([
    [
      [2, 0, 3],
      [0, 6, 0],
    ], // ∂(x0·x1·x2)/∂x1 = x0·x2 = 6, the others have the factor x1 = 0
    [
      [0, 0, 3],
      [0, 0, 0],
    ],
    [
      [2, 4, 3],
      [12, 6, 8],
    ],
  ])('prod of %j has gradient %j (exact with zeros)', (values, want) => {
    const x = tensor(values, { dtype: 'float64', requiresGrad: true });
    x.prod().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual(want);
  });

  it('noGrad results compose with later recorded ops', () => {
    const w = tensor([2], { requiresGrad: true });
    const c = noGrad(() => w.mul(3));
    w.mul(c).sum().backward();
    expect(w.grad!.item()).toBe(6);
  });
});
