import * as nn from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { LAYER_SOURCES, UntranslatableLayer } from './layers';
import type { LayerCall } from './layers';
import { isPythonIdentifier, pyString } from './python-literal';
import { PYTHON_PREAMBLE, pythonLoad } from './python-runtime';

/** Every module class `@descent/nn` exports (to tell its layers from a user's own classes). */
const BUILT_IN = new Set<unknown>(
  Object.values(nn).filter(
    (v) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof nn.Module,
  ),
);

const INDENT = '    ';

function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}

function where(path: string): string {
  return path === '' ? '<root>' : path;
}

/** `nn.X(a, b)`, one argument a line when any argument spans lines or the call is long. */
function call(name: string, args: readonly string[]): string {
  const flat = `${name}(${args.join(', ')})`;
  if (!args.some((a) => a.includes('\n')) && flat.length <= 96) return flat;
  return `${name}(\n${args.map((a) => `${INDENT}${indent(a, INDENT)},\n`).join('')})`;
}

/** A user's module class: its nearest `@descent/nn` ancestor is `Module` itself. */
function isCustom(module: AnyModule): boolean {
  let proto: unknown = Object.getPrototypeOf(module);
  while (proto !== null) {
    const cls = (proto as { constructor: unknown }).constructor;
    if (cls === nn.Module) return true;
    if (BUILT_IN.has(cls)) return false;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

function pythonDtype(dtype: string): string {
  return dtype === 'float64'
    ? 'torch.float64'
    : dtype === 'int64'
      ? 'torch.int64'
      : dtype === 'bool'
        ? 'torch.bool'
        : dtype === 'int32'
          ? 'torch.int32'
          : 'torch.float32';
}

/** Writes the Python source of a module tree. */
class SourceWriter {
  readonly classes: string[] = [];
  readonly #className: string;

  constructor(className: string) {
    this.#className = className;
  }

  /** The layer call of a built-in layer or container; throws for anything else. */
  layerCall(module: AnyModule, path: string): LayerCall {
    const cls = module.constructor;
    const children = module.namedChildren();
    const sub = (name: string): string => (path === '' ? name : `${path}.${name}`);
    if (cls === nn.Sequential)
      return {
        torchClass: 'nn.Sequential',
        args: children.map(([n, m]) => this.expression(m, sub(n))),
      };
    if (cls === nn.ModuleList) {
      const items = children.map(
        ([n, m]) => `${INDENT}${indent(this.expression(m, sub(n)), INDENT)},\n`,
      );
      return {
        torchClass: 'nn.ModuleList',
        args: [items.length === 0 ? '[]' : `[\n${items.join('')}]`],
      };
    }
    if (cls === nn.ModuleDict) {
      const items = children.map(
        ([n, m]) => `${INDENT}(${pyString(n)}, ${indent(this.expression(m, sub(n)), INDENT)}),\n`,
      );
      return {
        torchClass: 'nn.ModuleDict',
        args: [items.length === 0 ? '[]' : `[\n${items.join('')}]`],
      };
    }
    const emit = LAYER_SOURCES.get(cls);
    const name = (cls as { name?: string }).name ?? 'a module';
    if (emit === undefined) {
      const reason = BUILT_IN.has(cls)
        ? 'PyTorch 1.13 has no equivalent layer'
        : `it extends a @descent/nn layer (${(Object.getPrototypeOf(cls) as { name: string }).name}) whose forward may differ`;
      throw new Error(`toPyTorch: cannot translate module '${where(path)}' (${name}): ${reason}`);
    }
    try {
      return emit(module, (child, rel) => this.expression(child, sub(rel)));
    } catch (error) {
      if (error instanceof UntranslatableLayer)
        throw new Error(
          `toPyTorch: cannot translate module '${where(path)}' (${name}): ${error.message}`,
        );
      throw error;
    }
  }

  /** The Python expression that constructs `module` (defining a class for a custom module). */
  expression(module: AnyModule, path: string): string {
    if (isCustom(module)) {
      const name = `${this.#className}_${path.replace(/[^A-Za-z0-9_]/g, '_')}`;
      this.customClass(module, path, name);
      return `${name}()`;
    }
    const { torchClass, args } = this.layerCall(module, path);
    return call(torchClass, args);
  }

  /** A class for the user's own module: its parameters, buffers and children under their names. */
  customClass(module: AnyModule, path: string, name: string): void {
    const lines: string[] = [];
    const sub = (n: string): string => (path === '' ? n : `${path}.${n}`);
    const persistent = new Set(Object.keys(module.stateDict()));
    const assign = (key: string, value: string, register: string): string =>
      isPythonIdentifier(key) && !['training', 'forward'].includes(key)
        ? `self.${key} = ${value}`
        : `self.${register}(${pyString(key)}, ${value})`;
    for (const [key, p] of module.namedParameters({ recurse: false })) {
      const grad = p.requiresGrad ? '' : ', requires_grad=False';
      lines.push(
        assign(
          key,
          `nn.Parameter(torch.empty(${shapeOf(p.shape)}, dtype=${pythonDtype(p.dtype)})${grad})`,
          'register_parameter',
        ),
      );
    }
    for (const [key, b] of module.namedBuffers()) {
      if (key.includes('.')) continue;
      const value = `torch.empty(${shapeOf(b.shape)}, dtype=${pythonDtype(b.dtype)})`;
      lines.push(
        `self.register_buffer(${pyString(key)}, ${value}${persistent.has(key) ? '' : ', persistent=False'})`,
      );
    }
    for (const [key, child] of module.namedChildren()) {
      lines.push(
        assign(key, indent(this.expression(child, sub(key)), INDENT + INDENT), 'add_module'),
      );
    }
    const descentName = module.constructor.name;
    this.classes.push(
      [
        `class ${name}(nn.Module):`,
        `${INDENT}"""Descent's ${descentName} (module '${where(path)}'): the same parameters, buffers and submodules."""`,
        '',
        `${INDENT}def __init__(self):`,
        `${INDENT}${INDENT}super().__init__()`,
        ...lines.map((l) => `${INDENT}${INDENT}${l}`),
        '',
        `${INDENT}def forward(self, *args, **kwargs):`,
        `${INDENT}${INDENT}# Descent's ${descentName}.forward is TypeScript: write its PyTorch version here.`,
        `${INDENT}${INDENT}raise NotImplementedError(${pyString(`${name}.forward: translate ${descentName}.forward from TypeScript`)})`,
      ].join('\n'),
    );
  }

  /** The root class: a custom module's class, or a subclass of the layer with its arguments. */
  root(model: AnyModule): void {
    if (isCustom(model)) {
      this.customClass(model, '', this.#className);
      return;
    }
    const { torchClass, args } = this.layerCall(model, '');
    const body = args.length === 0 ? 'super().__init__()' : call('super().__init__', args);
    this.classes.push(
      [
        `class ${this.#className}(${torchClass}):`,
        `${INDENT}"""Descent's ${model.constructor.name} as ${torchClass}, with the same submodules and state-dict names."""`,
        '',
        `${INDENT}def __init__(self):`,
        `${INDENT}${INDENT}${indent(body, INDENT + INDENT)}`,
      ].join('\n'),
    );
  }
}

function shapeOf(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The floating dtype of every floating parameter and buffer (they must agree). */
function modelDtype(model: AnyModule): 'float32' | 'float64' {
  const found = new Set<string>();
  for (const t of Object.values(model.stateDict()))
    if (t.dtype === 'float32' || t.dtype === 'float64') found.add(t.dtype);
  if (found.size > 1)
    throw new Error(
      `toPyTorch: the model mixes float32 and float64 parameters; convert it with model.float() or model.double() first`,
    );
  return found.has('float64') ? 'float64' : 'float32';
}

/**
 * The Python source of a `torch.nn.Module` equivalent to `model`, named `className`: the same
 * submodule names and order (so Descent's state dict loads with `strict=True`), a safetensors reader
 * and writer, and `load(checkpoint_path)`. Throws naming the module path when a layer has no
 * PyTorch 1.13 equivalent.
 */
export function pytorchSource(model: AnyModule, className: string): string {
  const writer = new SourceWriter(className);
  const dtype = modelDtype(model);
  writer.root(model);
  const header = `"""${className}: a PyTorch module generated by @descent/onnx's toPyTorch from a Descent model.\n\nload(checkpoint_path) returns it with the weights of a safetensors checkpoint; read_safetensors and\nwrite_safetensors work without the safetensors package.\n"""\n`;
  return `${header}${PYTHON_PREAMBLE}\n\n${writer.classes.join('\n\n\n')}\n\n${pythonLoad(className, dtype)}`;
}
