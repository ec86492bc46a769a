/**
 * Step hooks (PyTorch's `register_step_pre_hook` / `register_step_post_hook`): functions run
 * before and after every `step`, removable through the handle their registration returns.
 */

/** A removable hook registration. */
export interface HookHandle {
  remove(): void;
}

/** Called before every `step`. */
export type StepPreHook<T> = (optimizer: T) => void;
/** Called after every `step`. */
export type StepPostHook<T> = (optimizer: T) => void;

/** The pre- and post-hooks of one optimizer, in registration order. */
export class StepHooks<T> {
  private readonly pre = new Map<number, StepPreHook<T>>();
  private readonly post = new Map<number, StepPostHook<T>>();
  private nextId = 0;

  /** Adds a hook run before each step. */
  addPre(hook: StepPreHook<T>): HookHandle {
    return this.add(this.pre, hook);
  }

  /** Adds a hook run after each step. */
  addPost(hook: StepPostHook<T>): HookHandle {
    return this.add(this.post, hook);
  }

  /** Runs `step` between the pre-hooks and the post-hooks, each called with `target`. */
  around<R>(target: T, step: () => R): R {
    for (const hook of this.pre.values()) hook(target);
    const result = step();
    for (const hook of this.post.values()) hook(target);
    return result;
  }

  private add(hooks: Map<number, (optimizer: T) => void>, hook: (optimizer: T) => void): HookHandle {
    const id = this.nextId++;
    hooks.set(id, hook);
    return { remove: () => hooks.delete(id) };
  }
}
