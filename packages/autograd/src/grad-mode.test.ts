import { describe, expect, it } from 'vitest';
import { enableGrad, isGradEnabled, noGrad, setGradEnabled } from './grad-mode';

describe('grad mode', () => {
  it('noGrad turns recording off and restores it, also after a throw', () => {
    expect(isGradEnabled()).toBe(true);
    expect(noGrad(() => isGradEnabled())).toBe(false);
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('enableGrad turns recording back on inside noGrad', () => {
    expect(noGrad(() => enableGrad(() => isGradEnabled()))).toBe(true);
  });

  it('setGradEnabled switches the global mode', () => {
    setGradEnabled(false);
    expect(isGradEnabled()).toBe(false);
    setGradEnabled(true);
    expect(isGradEnabled()).toBe(true);
  });
});
