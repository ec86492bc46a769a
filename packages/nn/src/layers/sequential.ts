import { outsidePrivate, privateForward } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { AnyModule } from '../module';
import { IndexedModules } from './indexed-modules';
import { privateLayer } from './private-layers';

/**
 * Modules applied one after another (torch.nn.Sequential); they are named `0`, `1`, …, so the
 * state dict holds `0.weight`, `0.bias`, ….
 *
 * @example
 * const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
 * model.forward(x);
 */
export class Sequential extends IndexedModules<[Tensor], Tensor> {
  constructor(...modules: AnyModule[]) {
    super(modules);
  }

  /**
   * Runs the modules in order. Between built-in layers the intermediates are the library's own:
   * once a plain `backward()` has used them, their arrays go back to the storage pools (see
   * `privateForward` in @descent/autograd). A module of the user's gets its input as escaped.
   */
  override forward(input: Tensor): Tensor {
    return privateForward(() => {
      let out: unknown = input;
      for (const module of this) {
        const x = out;
        out = privateLayer(module, Sequential) ? module.forward(x) : outsidePrivate(x, () => module.forward(x));
      }
      return out as Tensor;
    });
  }
}
