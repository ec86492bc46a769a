import type { AnyModule } from '../module';
import { IndexedModules } from './indexed-modules';

/**
 * A list of submodules that registers them (torch.nn.ModuleList): they appear in `parameters()`
 * and the state dict as `0.…`, `1.…`. It has no `forward`; iterate it in the owner's.
 *
 * @example
 * const layers = new ModuleList([new Linear(4, 4), new Linear(4, 4)]);
 * for (const layer of layers) x = layer.forward(x);
 */
export class ModuleList extends IndexedModules {
  constructor(modules: Iterable<AnyModule> = []) {
    super(modules);
  }
}
