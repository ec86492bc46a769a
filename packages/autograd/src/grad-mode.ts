/**
 * Grad mode: whether ops record a graph (torch.no_grad / torch.enable_grad semantics).
 * One module-level flag, read on every op's hot path as `gradMode.enabled`.
 */

/** @internal The current grad mode; ops read `gradMode.enabled`. */
export const gradMode = { enabled: true };

/**
 * Whether ops currently record history for autograd (torch.is_grad_enabled).
 *
 * @example
 * noGrad(() => isGradEnabled()); // false
 */
export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

/**
 * Turns graph recording on or off globally (torch.set_grad_enabled); prefer {@link noGrad}.
 *
 * @example
 * setGradEnabled(false); // ops stop recording until setGradEnabled(true)
 */
export function setGradEnabled(enabled: boolean): void {
  gradMode.enabled = enabled;
}

function withMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradMode.enabled;
  gradMode.enabled = enabled;
  try {
    return fn();
  } finally {
    gradMode.enabled = previous;
  }
}

/**
 * Runs `fn` with graph recording off and returns its result (torch.no_grad); the previous mode
 * is restored afterwards, also when `fn` throws.
 *
 * @example
 * noGrad(() => w.sub_(w.grad!.mul(0.1))); // an optimizer step that records nothing
 */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/**
 * Runs `fn` with graph recording on, also inside {@link noGrad} (torch.enable_grad).
 *
 * @example
 * noGrad(() => enableGrad(() => x.mul(2))); // records MulBackward0
 */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}
