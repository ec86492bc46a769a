import { ones, randn, tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Dropout, Flatten, GELU, Identity, LeakyReLU, Linear, LogSoftmax, Module, ModuleDict, ModuleList, MSELoss, Parameter, ReLU, Sequential, Sigmoid, Softmax, Tanh } from './index';

class Block extends Module {
  fc = new Linear(3, 2);
  act = new Tanh();
  override forward(x: Tensor): Tensor {
    return this.act.forward(this.fc.forward(x));
  }
}

class Net extends Module {
  scale = new Parameter(ones([1]));
  encoder = new Block();
  heads = new ModuleList([new Linear(2, 2), new Linear(2, 1, { bias: false })]);
  constructor() {
    super();
    this.registerBuffer('steps', zeros([1]));
    this.registerBuffer('scratch', zeros([2]), { persistent: false });
  }
  override forward(x: Tensor): Tensor {
    let h = this.encoder.forward(x).mul(this.scale);
    for (const head of this.heads) h = head.forward(h) as Tensor;
    return h;
  }
}

describe('Module registration and naming', () => {
  it('names parameters with PyTorch dotted names, own parameters first', () => {
    expect(new Net().namedParameters().map(([name]) => name)).toEqual([
      'scale',
      'encoder.fc.weight',
      'encoder.fc.bias',
      'heads.0.weight',
      'heads.0.bias',
      'heads.1.weight',
    ]);
  });

  it('lists children, modules and buffers', () => {
    const net = new Net();
    expect(net.namedChildren().map(([name]) => name)).toEqual(['encoder', 'heads']);
    expect(net.namedModules().map(([name]) => name)).toEqual(['', 'encoder', 'encoder.fc', 'encoder.act', 'heads', 'heads.0', 'heads.1']);
    expect(net.modules()).toHaveLength(7);
    expect(net.namedBuffers().map(([name]) => name)).toEqual(['steps', 'scratch']);
    expect(net.buffers()).toHaveLength(2);
  });

  it('lists a shared parameter and a shared module once', () => {
    const shared = new Linear(2, 2);
    const model = new Sequential(shared, new ReLU(), shared);
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias']);
    expect(model.modules()).toHaveLength(3);
    // PyTorch 1.13: named_children lists a shared module once; the state dict and the print list it under every name.
    expect(model.namedChildren().map(([name]) => name)).toEqual(['0', '1']);
    expect(model.getSubmodule('2')).toBe(shared);
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(model.toString()).toBe(
      'Sequential(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): ReLU()\n  (2): Linear(in_features=2, out_features=2, bias=True)\n)',
    );
    const visited: string[] = [];
    model.apply((m) => visited.push(m.constructor.name));
    expect(visited).toEqual(['Linear', 'ReLU', 'Sequential']);
  });

  it('follows reassignment and removal of properties', () => {
    const block = new Block();
    block.fc = new Linear(3, 5, { bias: false });
    expect(block.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([['fc.weight', [5, 3]]]);
  });

  it('skips an absent bias and registers through registerParameter', () => {
    const layer = new Linear(2, 3, { bias: false });
    expect(layer.bias).toBeNull();
    layer.registerParameter('gain', new Parameter(ones([3])));
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight', 'gain']);
    expect(() => layer.registerParameter('a.b', null)).toThrow(new Error('parameter name can\'t contain ".", got "a.b"'));
  });

  it('rejects registering what is not a Parameter or Module, or over another attribute, as PyTorch', () => {
    const net = new Net();
    expect(() => net.registerParameter('w', zeros([2]))).toThrow(new TypeError("cannot assign 'Tensor' object to parameter 'w' (Parameter or null required)"));
    expect(() => net.registerModule('m', zeros([2]) as unknown as Module)).toThrow(new TypeError('Tensor is not a Module subclass'));
    expect(() => net.registerParameter('steps', new Parameter(zeros([1])))).toThrow(new Error("attribute 'steps' already exists"));
    expect(() => net.registerParameter('encoder', new Parameter(zeros([1])))).toThrow(new Error("attribute 'encoder' already exists"));
    expect(() => net.registerModule('scale', new ReLU())).toThrow(new Error("attribute 'scale' already exists"));
    expect(() => net.registerModule('forward', new ReLU())).toThrow(new Error("attribute 'forward' already exists"));
    expect(net.namedParameters().map(([name]) => name)).toEqual(['scale', 'encoder.fc.weight', 'encoder.fc.bias', 'heads.0.weight', 'heads.0.bias', 'heads.1.weight']);
    // Replacing a parameter with a parameter, or a submodule with a submodule, is fine.
    net.registerParameter('scale', new Parameter(ones([2])));
    net.registerModule('encoder', new Block());
    expect(net.scale.shape).toEqual([2]);
  });

  it('makes Parameters require grad and op results plain tensors', () => {
    const p = new Parameter(zeros([2]));
    expect(p.requiresGrad).toBe(true);
    expect(new Parameter(zeros([2]), false).requiresGrad).toBe(false);
    expect(p.mul(2)).not.toBeInstanceOf(Parameter);
    expect(p.toString().startsWith('Parameter containing:\ntensor(')).toBe(true);
  });
});

describe('Module modes and bulk operations', () => {
  it('switches training mode recursively', () => {
    const net = new Net();
    expect(net.eval().modules().every((m) => !m.training)).toBe(true);
    expect(net.train().modules().every((m) => m.training)).toBe(true);
  });

  it('zeroGrad clears gradients (setToNone by default) or zeroes them', () => {
    const layer = new Linear(2, 1);
    layer.forward(ones([4, 2])).sum().backward();
    layer.zeroGrad({ setToNone: false });
    expect(Array.from(layer.weight.grad!.toTypedArray())).toEqual([0, 0]);
    layer.zeroGrad();
    expect(layer.weight.grad).toBeNull();
  });

  it('apply visits children before the module itself', () => {
    const seen: string[] = [];
    new Sequential(new Linear(1, 1), new Sequential(new ReLU())).apply((m) => seen.push(m.constructor.name));
    expect(seen).toEqual(['Linear', 'ReLU', 'Sequential', 'Sequential']);
  });

  it('to(dtype) converts parameters in place, keeping their identity, and buffers', () => {
    const net = new Net();
    const weight = net.encoder.fc.weight;
    const before = Array.from(weight.toTypedArray());
    net.to('float64');
    expect(net.encoder.fc.weight).toBe(weight);
    expect(weight.dtype).toBe('float64');
    expect(Array.from(weight.toTypedArray())).toEqual(before);
    expect(net.buffers().map((b) => b.dtype)).toEqual(['float64', 'float64']);
    expect(net.forward(randn([4, 3], { dtype: 'float64' })).dtype).toBe('float64');
    expect(() => net.to('int32')).toThrow(new TypeError('nn.Module.to only accepts floating point dtypes, but got desired dtype=int32'));
  });

  it('freezes parameters, converts with float()/double() and finds submodules by path', () => {
    const net = new Net();
    expect(net.requiresGrad_(false).parameters().every((p) => !p.requiresGrad)).toBe(true);
    expect(net.double().encoder.fc.weight.dtype).toBe('float64');
    expect(net.float().encoder.fc.weight.dtype).toBe('float32');
    expect(net.getSubmodule('heads.1')).toBe(net.heads.at(1));
    expect(net.getSubmodule('')).toBe(net);
    expect(() => net.getSubmodule('encoder.conv')).toThrow(new Error('Block has no attribute `conv`'));
  });

  it('forward is required, and call() runs it', () => {
    expect(() => (new ModuleList() as unknown as { forward(): unknown }).forward()).toThrow(new Error('Module [ModuleList] is missing the required "forward" function'));
    const x = randn([2, 3]);
    const block = new Block();
    expect(Array.from(block.call(x).toTypedArray())).toEqual(Array.from(block.forward(x).toTypedArray()));
  });
});

describe('stateDict and loadStateDict', () => {
  it('holds parameters then persistent buffers per module, sharing storage', () => {
    const net = new Net();
    const sd = net.stateDict();
    expect(Object.keys(sd)).toEqual(['scale', 'steps', 'encoder.fc.weight', 'encoder.fc.bias', 'heads.0.weight', 'heads.0.bias', 'heads.1.weight']);
    expect(sd['encoder.fc.weight']!.storage).toBe(net.encoder.fc.weight.storage);
    expect(sd['encoder.fc.weight']!.requiresGrad).toBe(false);
  });

  it('loads values into the existing tensors', () => {
    const a = new Net();
    const b = new Net();
    b.loadStateDict(a.stateDict());
    expect(Array.from(b.encoder.fc.weight.toTypedArray())).toEqual(Array.from(a.encoder.fc.weight.toTypedArray()));
    const x = randn([2, 3]);
    expect(Array.from(b.forward(x).toTypedArray())).toEqual(Array.from(a.forward(x).toTypedArray()));
  });

  it('lists every missing key, unexpected key and shape mismatch at once, and changes nothing', () => {
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
    const before = Array.from(model.stateDict()['0.weight']!.toTypedArray());
    const sd: Record<string, Tensor> = {
      '0.weight': zeros([8, 3]),
      '0.bias': zeros([8]),
      '2.weight': zeros([1, 8]),
      'extra.weight': zeros([1]),
      '3.bias': zeros([1]),
    };
    expect(() => model.loadStateDict(sd)).toThrow(
      new Error(
        'Error(s) in loading state_dict for Sequential:\n\t' +
          'Missing key(s) in state_dict: "2.bias". \n\t' +
          'Unexpected key(s) in state_dict: "extra.weight", "3.bias". \n\t' +
          'size mismatch for 0.weight: copying a param with shape [8, 3] from checkpoint, the shape in current model is [8, 4].',
      ),
    );
    expect(Array.from(model.stateDict()['0.weight']!.toTypedArray())).toEqual(before);
    expect(Array.from(model.stateDict()['0.bias']!.toTypedArray())).not.toEqual(new Array(8).fill(0));
  });

  it('tolerates key differences when not strict and reports them', () => {
    const model = new Sequential(new Linear(2, 2));
    const result = model.loadStateDict({ '0.weight': ones([2, 2]), other: zeros([1]) }, { strict: false });
    expect(result).toEqual({ missingKeys: ['0.bias'], unexpectedKeys: ['other'] });
    expect(Array.from(model.stateDict()['0.weight']!.toTypedArray())).toEqual([1, 1, 1, 1]);
  });

  it('still rejects a shape mismatch when not strict', () => {
    const model = new Sequential(new Linear(2, 2));
    expect(() => model.loadStateDict({ '0.bias': zeros([3]) }, { strict: false })).toThrow(
      'size mismatch for 0.bias: copying a param with shape [3] from checkpoint, the shape in current model is [2].',
    );
  });

  it('converts dtypes while copying, as copy_ does', () => {
    const model = new Linear(1, 1);
    model.loadStateDict({ weight: tensor([[0.5]], { dtype: 'float64' }), bias: tensor([2], { dtype: 'float64' }) });
    expect(model.weight.dtype).toBe('float32');
    expect(Array.from(model.weight.toTypedArray())).toEqual([0.5]);
  });
});

describe('toString', () => {
  it('prints a Sequential as PyTorch', () => {
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1, { bias: false }));
    expect(model.toString()).toBe(
      'Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n  (1): Tanh()\n  (2): Linear(in_features=8, out_features=1, bias=False)\n)',
    );
  });

  it('indents nested modules and prints the small layers', () => {
    const model = new Sequential(new Flatten(), new Sequential(new Dropout(0.2), new Identity()));
    expect(model.toString()).toBe(
      'Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n  (1): Sequential(\n    (0): Dropout(p=0.2, inplace=False)\n    (1): Identity()\n  )\n)',
    );
  });

  it('prints every layer, container and loss exactly as PyTorch 1.13 prints the same model', () => {
    class Everything extends Module {
      body = new Sequential(new Flatten(), new Linear(12, 8), new LeakyReLU(0.2), new Dropout(0.25), new Linear(8, 4, { bias: false }), new GELU({ approximate: 'tanh' }));
      heads = new ModuleList([new Softmax(1), new LogSoftmax(), new Identity()]);
      extra = new ModuleDict({ sig: new Sigmoid(), tanh: new Tanh(), relu: new ReLU(), gelu: new GELU() });
      loss = new CrossEntropyLoss({ labelSmoothing: 0.1 });
      mse = new MSELoss();
      empty = new Sequential();
    }
    // print(Everything()) of the same module written with torch.nn (class renamed to match).
    const torchPrint = [
      'Everything(',
      '  (body): Sequential(',
      '    (0): Flatten(start_dim=1, end_dim=-1)',
      '    (1): Linear(in_features=12, out_features=8, bias=True)',
      '    (2): LeakyReLU(negative_slope=0.2)',
      '    (3): Dropout(p=0.25, inplace=False)',
      '    (4): Linear(in_features=8, out_features=4, bias=False)',
      "    (5): GELU(approximate='tanh')",
      '  )',
      '  (heads): ModuleList(',
      '    (0): Softmax(dim=1)',
      '    (1): LogSoftmax(dim=None)',
      '    (2): Identity()',
      '  )',
      '  (extra): ModuleDict(',
      '    (sig): Sigmoid()',
      '    (tanh): Tanh()',
      '    (relu): ReLU()',
      "    (gelu): GELU(approximate='none')",
      '  )',
      '  (loss): CrossEntropyLoss()',
      '  (mse): MSELoss()',
      '  (empty): Sequential()',
      ')',
    ].join('\n');
    expect(new Everything().toString()).toBe(torchPrint);
  });

  it('prints a ModuleDict and a custom module with its properties', () => {
    expect(new ModuleDict({ act: new ReLU() }).toString()).toBe('ModuleDict(\n  (act): ReLU()\n)');
    expect(new Block().toString()).toBe('Block(\n  (fc): Linear(in_features=3, out_features=2, bias=True)\n  (act): Tanh()\n)');
  });
});
