import { Tensor, enableGrad } from '@descent/autograd';
import { Module } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { GraphBuilder, ONNX_DTYPE } from './graph';
import type { ConvertContext } from './graph';
import { CONVERTERS, STRUCTURED, isUnsupportedBuiltIn } from './convert/registry';
import { OPS } from './convert/ops';
import { encodeModel } from './proto/encode';
import type { ValueInfoSpec } from './proto/encode';

/**
 * Which dimensions of an input or output are symbolic: a list of axes (named
 * `<name>_dynamic_axes_<k>` as PyTorch names them) or a map from axis to a name (`{ 0: 'batch' }`).
 */
export type DynamicAxes = Readonly<
  Record<string, readonly number[] | Readonly<Record<number, string>>>
>;

/** Options of {@link exportOnnx} (torch.onnx.export's names). */
export interface ExportOnnxOptions {
  /** Names of the graph inputs, one per example input (default `input_0`, `input_1`, …; `input` for one). */
  inputNames?: readonly string[];
  /** Names of the graph outputs (default `output_0`, …; `output` for one). */
  outputNames?: readonly string[];
  /** Symbolic dimensions of inputs and outputs, by name, e.g. `{ input: { 0: 'batch' }, output: { 0: 'batch' } }`. */
  dynamicAxes?: DynamicAxes;
  /** The ONNX opset, 13 to 17 (default 17). */
  opsetVersion?: number;
}

/** The version written into the model's producer_version. */
const PRODUCER_VERSION = '0.1.0';
const MIN_OPSET = 13;
const MAX_OPSET = 17;

/** An export error that is not a failure of the forward pass itself. */
class ExportError extends Error {}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Tensor) return `Tensor of shape [${value.shape.join(', ')}]`;
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  if (typeof value === 'function') return 'function';
  return `${typeof value} ${JSON.stringify(value) ?? String(typeof value)}`;
}

function moduleLabel(path: string, module: AnyModule): string {
  return `module '${path === '' ? '<root>' : path}' (${module.constructor.name})`;
}

/**
 * The tensors of a forward result (a tensor, or arrays of them), flattened in order; `null` entries
 * (MultiheadAttention's weights with `needWeights: false`) are left out, as torch.onnx leaves out None.
 */
function flattenOutputs(value: unknown, out: Tensor[]): boolean {
  if (value === null) return true;
  if (value instanceof Tensor) {
    out.push(value);
    return true;
  }
  if (Array.isArray(value)) return value.every((v) => flattenOutputs(v, out));
  return false;
}

function checkNames(names: unknown, count: number, what: string, fallback: string): string[] {
  if (names === undefined)
    return count === 1 ? [fallback] : Array.from({ length: count }, (_, i) => `${fallback}_${i}`);
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n.length === 0)) {
    throw new TypeError(
      `exportOnnx: ${what} must be an array of non-empty strings, got ${describe(names)}`,
    );
  }
  if (names.length !== count)
    throw new RangeError(
      `exportOnnx: ${what} has ${names.length} names for ${count} ${what === 'inputNames' ? 'example inputs' : 'outputs'}`,
    );
  if (new Set(names).size !== names.length)
    throw new RangeError(`exportOnnx: ${what} has a repeated name: [${names.join(', ')}]`);
  return names as string[];
}

/** The value info of a graph input or output, with its dynamic axes as named dimensions. */
function valueInfo(name: string, t: Tensor, dynamicAxes: DynamicAxes): ValueInfoSpec {
  const dims: (number | string)[] = [...t.shape];
  const spec = dynamicAxes[name];
  if (spec !== undefined) {
    const entries: [number, string][] = Array.isArray(spec)
      ? (spec as readonly number[]).map((axis, k) => [axis, `${name}_dynamic_axes_${k + 1}`])
      : Object.entries(spec as Record<string, string>).map(([axis, label]) => [
          Number(axis),
          label,
        ]);
    for (const [axis, label] of entries) {
      if (!Number.isInteger(axis) || axis < 0 || axis >= dims.length) {
        throw new RangeError(
          `exportOnnx: dynamicAxes['${name}'] names axis ${axis}, but '${name}' has ${dims.length} dimensions`,
        );
      }
      if (typeof label !== 'string' || label.length === 0)
        throw new TypeError(
          `exportOnnx: dynamicAxes['${name}'][${axis}] must be a non-empty string, got ${describe(label)}`,
        );
      dims[axis] = label;
    }
  }
  return { name, dataType: ONNX_DTYPE[t.dtype] as number, dims };
}

/**
 * Exports a model to ONNX: runs `model.forward(...exampleInputs)` once in eval mode (the modules'
 * training flags are restored afterwards) and records each `@descent/nn` layer it calls as
 * standard ONNX operators, plus the tensor methods a custom `forward` calls between layers
 * (add, sub, mul, div, matmul, reshape/view/flatten, transpose/permute, unsqueeze, softmax, mean,
 * sum and the element-wise functions listed in the README). Parameters and buffers become
 * initializers named by their state-dict keys. Returns the bytes of the `.onnx` file.
 *
 * A layer or tensor op with no ONNX conversion throws an Error naming the module path and the op;
 * a forward pass that fails on the example inputs (a wrong shape) throws an Error naming the
 * module where it failed. Use `saveOnnx` from `@descent/onnx/node` to write a file.
 *
 * @example
 * const model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
 * const bytes = exportOnnx(model, [randn([2, 4])], {
 *   inputNames: ['x'], outputNames: ['logits'],
 *   dynamicAxes: { x: { 0: 'batch' }, logits: { 0: 'batch' } },
 * });
 */
export function exportOnnx(
  model: AnyModule,
  exampleInputs: Tensor | readonly Tensor[],
  options: ExportOnnxOptions = {},
): Uint8Array {
  if (!(model instanceof Module))
    throw new TypeError(`exportOnnx: model must be a Module, got ${describe(model)}`);
  const candidate: unknown = exampleInputs instanceof Tensor ? [exampleInputs] : exampleInputs;
  if (
    !Array.isArray(candidate) ||
    candidate.length === 0 ||
    candidate.some((t: unknown) => !(t instanceof Tensor))
  ) {
    throw new TypeError(
      `exportOnnx: exampleInputs must be a Tensor or a non-empty array of Tensors, got ${describe(exampleInputs)}`,
    );
  }
  const inputs = candidate as readonly Tensor[];
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`exportOnnx: options must be an object, got ${describe(options)}`);
  const opset = options.opsetVersion ?? MAX_OPSET;
  if (!Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new RangeError(
      `exportOnnx: opsetVersion must be an integer from ${MIN_OPSET} to ${MAX_OPSET}, got ${describe(opset)}`,
    );
  }
  const inputNames = checkNames(options.inputNames, inputs.length, 'inputNames', 'input');
  const dynamicAxes = options.dynamicAxes ?? {};
  if (typeof dynamicAxes !== 'object' || dynamicAxes === null)
    throw new TypeError(`exportOnnx: dynamicAxes must be an object, got ${describe(dynamicAxes)}`);
  for (const t of inputs) {
    if (ONNX_DTYPE[t.dtype] === undefined)
      throw new TypeError(
        `exportOnnx: an example input has dtype ${t.dtype}, which has no ONNX type here`,
      );
  }

  const modules = model.namedModules();
  const training = modules.map(([, m]) => m.training);
  const graph = new GraphBuilder(opset);
  const stateNames = new Map<Tensor, string>();
  for (const [name, t] of [...model.namedParameters(), ...model.namedBuffers()])
    if (!stateNames.has(t)) stateNames.set(t, name);
  const untraced = new Map<Tensor, string>();
  const stack: string[] = [];
  let depth = 0;
  let failedAt: string | undefined;

  const unsupported = (
    path: string,
    module: AnyModule | null,
    op: string,
    why?: string,
  ): ExportError =>
    new ExportError(
      `exportOnnx: cannot export op '${op}' in ${module === null ? `module '${path === '' ? '<root>' : path}'` : moduleLabel(path, module)}: it has no ONNX conversion${why === undefined ? '' : ` (${why})`}`,
    );

  /** The ONNX name of a tensor a layer or op consumes. */
  const operand = (t: Tensor, path: string, module: AnyModule | null): string => {
    const known = graph.lookup(t);
    if (known !== undefined) return known;
    const state = stateNames.get(t);
    if (state !== undefined) return graph.tensor(t, state);
    const op = untraced.get(t);
    if (op !== undefined)
      throw new ExportError(
        `exportOnnx: cannot export op '${op.split('@')[0]}' called in module '${op.split('@')[1] || '<root>'}': it has no ONNX conversion (its result feeds ${module === null ? `module '${path || '<root>'}'` : moduleLabel(path, module)})`,
      );
    if (t.gradFn !== null)
      throw new ExportError(
        `exportOnnx: cannot export op '${t.gradFn.name}' (a function the exporter does not record) whose result feeds ${module === null ? `module '${path || '<root>'}'` : moduleLabel(path, module)}`,
      );
    return graph.tensor(t, `${path === '' ? '' : `${path}.`}constant`);
  };

  const patchedModules: AnyModule[] = [];
  for (const [path, module] of modules) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply(module, …)
    const original = module.forward;
    Object.defineProperty(module, 'forward', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: (...args: unknown[]): unknown => {
        stack.push(path);
        try {
          if (depth > 0) return original.apply(module, args);
          const structured = STRUCTURED.get(module.constructor);
          if (structured !== undefined) {
            // A layer whose forward takes or returns more than tensors (states, masks, pairs):
            // Descent's forward runs untraced, then the converter writes the graph and binds
            // every tensor of the result it produced.
            depth++;
            try {
              const out = original.apply(module, args);
              structured(
                {
                  graph,
                  path,
                  param: (t, name) =>
                    graph.tensor(t, stateNames.get(t) ?? (path === '' ? name : `${path}.${name}`)),
                  unsupported: (op, why) => {
                    throw unsupported(path, module, op, why);
                  },
                  operand: (t) => operand(t, path, module),
                  bind: (t, name) => graph.bind(t, name),
                },
                module,
                args,
                out,
              );
              return out;
            } finally {
              depth--;
            }
          }
          const converter = CONVERTERS.get(module.constructor);
          if (converter === undefined) {
            if (isUnsupportedBuiltIn(module))
              throw unsupported(path, module, module.constructor.name);
            return original.apply(module, args);
          }
          if (args.some((a) => !(a instanceof Tensor)))
            throw unsupported(path, module, `${module.constructor.name} with non-tensor arguments`);
          const tensors = args as Tensor[];
          const names = tensors.map((t) => operand(t, path, module));
          depth++;
          let out: unknown;
          try {
            out = original.apply(module, args);
          } finally {
            depth--;
          }
          if (!(out instanceof Tensor))
            throw unsupported(
              path,
              module,
              `${module.constructor.name} returning ${describe(out)}`,
            );
          const ctx: ConvertContext = {
            graph,
            path,
            param: (t, name) =>
              graph.tensor(t, stateNames.get(t) ?? (path === '' ? name : `${path}.${name}`)),
            unsupported: (op, why) => {
              throw unsupported(path, module, op, why);
            },
          };
          graph.bind(out, converter(ctx, module, names, tensors, out));
          return out;
        } catch (error) {
          failedAt ??= moduleLabel(path, module);
          throw error;
        } finally {
          stack.pop();
        }
      },
    });
    patchedModules.push(module);
  }

  // Tensor methods called by a custom forward on traced values are recorded (or marked untraced).
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const methods = new Set<string>();
  for (
    let p: object | null = Tensor.prototype;
    p !== null && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (key !== 'constructor' && d !== undefined && typeof d.value === 'function')
        methods.add(key);
    }
  }
  for (const key of methods) {
    const original = proto[key] as (...args: unknown[]) => unknown;
    saved.set(key, Object.getOwnPropertyDescriptor(proto, key));
    Object.defineProperty(proto, key, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: Tensor, ...args: unknown[]): unknown {
        if (depth > 0) return original.apply(this, args);
        depth++;
        let out: unknown;
        try {
          out = original.apply(this, args);
        } finally {
          depth--;
        }
        if (!(out instanceof Tensor) || out === this) return out;
        const path = stack[stack.length - 1] ?? '';
        const involved =
          graph.lookup(this) !== undefined ||
          untraced.has(this) ||
          args.some(
            (a) => a instanceof Tensor && (graph.lookup(a) !== undefined || untraced.has(a)),
          );
        if (!involved) return out;
        const converter = OPS[key];
        if (converter === undefined) {
          untraced.set(out, `${key}@${path}`);
          return out;
        }
        const self = operand(this, path, null);
        const hint = `${path === '' ? '' : `${path}.`}${key}`;
        graph.bind(
          out,
          converter({
            graph,
            self,
            selfTensor: this,
            args,
            out,
            operand: (t) => operand(t, path, null),
            hint,
          }),
        );
        return out;
      },
    });
  }

  let outputs: Tensor[] = [];
  try {
    model.eval();
    const traced = inputs.map((t, i) => {
      const input =
        t.dtype === 'float32' || t.dtype === 'float64'
          ? t.detach().requiresGrad_(true)
          : t.detach();
      graph.bind(input, graph.reserve(inputNames[i] as string, 'input name'));
      return input;
    });
    let result: unknown;
    try {
      result = enableGrad(() => (model.forward as (...a: Tensor[]) => unknown)(...traced));
    } catch (error) {
      if (error instanceof ExportError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `exportOnnx: the forward pass on exampleInputs (${inputs.map((t) => `[${t.shape.join(', ')}]`).join(', ')}) failed in ${failedAt ?? 'the model'}: ${message}`,
        { cause: error },
      );
    }
    if (!flattenOutputs(result, outputs))
      throw new ExportError(
        `exportOnnx: the forward pass must return a Tensor or an array of Tensors, got ${describe(result)}`,
      );
    const outputNames = checkNames(options.outputNames, outputs.length, 'outputNames', 'output');
    for (const key of Object.keys(dynamicAxes)) {
      if (!inputNames.includes(key) && !outputNames.includes(key))
        throw new RangeError(
          `exportOnnx: dynamicAxes names '${key}', which is neither an input nor an output name`,
        );
    }
    const outputInfos = outputs.map((t, i) => {
      const name = outputNames[i] as string;
      const value = operand(t, '', null);
      if (value !== name)
        graph.nodes.push({
          opType: 'Identity',
          inputs: [value],
          outputs: [graph.reserve(name, 'output name')],
          name: graph.unique(`${name}/Identity`),
          attributes: {},
        });
      return valueInfo(name, t, dynamicAxes);
    });
    return encodeModel({
      opsetVersion: opset,
      producerVersion: PRODUCER_VERSION,
      graphName: model.constructor.name,
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: inputs.map((t, i) => valueInfo(inputNames[i] as string, t, dynamicAxes)),
      outputs: outputInfos,
    });
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor === undefined) delete proto[key];
      else Object.defineProperty(proto, key, descriptor);
    }
    for (const module of patchedModules)
      delete (module as unknown as Record<string, unknown>).forward;
    modules.forEach(([, m], i) => {
      m.training = training[i] as boolean;
    });
    outputs = [];
  }
}
