import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar';

function stream(isTTY: boolean): {
  write(t: string): boolean;
  isTTY: boolean;
  columns: number;
  parts: string[];
} {
  const parts: string[] = [];
  return { write: (t: string) => parts.push(t) > 0, isTTY, columns: 200, parts };
}

describe('progressBar', () => {
  it('prints plain lines (start, each quarter, end) when not on a TTY', () => {
    const s = stream(false);
    const bar = progressBar(s);
    bar.start('train', 100);
    for (let i = 1; i <= 100; i++)
      bar.update(i, { loss: 1 / i, epoch: Math.ceil(i / 10), epochs: 10 });
    bar.end();
    expect(s.parts.every((p) => p.endsWith('\n') && !p.includes('\r'))).toBe(true);
    // started, quarters 0..4 (25, 50, 75, 100 and the first update), done
    expect(s.parts).toHaveLength(7);
    expect(s.parts[5]).toMatch(/^train: 100\/100 epoch 10\/10 loss 0\.01000 [\d.]+ it\/s\n$/);
  });

  it('redraws one line with a bar, epoch, loss, it/s and ETA on a TTY', () => {
    const s = stream(true);
    const bar = progressBar(s);
    bar.start('train', 4);
    bar.update(4, { loss: 0.5, epoch: 2, epochs: 2 });
    bar.end();
    const clearLine = '\u001b[K';
    expect(s.parts[0]?.endsWith(clearLine)).toBe(true);
    expect(s.parts[0]?.slice(0, -clearLine.length)).toMatch(
      /^\rtrain \[#{24}\] 4\/4 epoch 2\/2 loss 0\.5000 [\d.]+ it\/s ETA 00:00$/,
    );
    expect(s.parts[1]).toMatch(/^\rtrain: done in [\d.]+ s/);
    expect(s.parts[1]?.endsWith(`${clearLine}\n`)).toBe(true);
  });

  it('shortens the bar, not the numbers, on a narrow terminal', () => {
    const s = { ...stream(true), columns: 90 };
    const bar = progressBar(s);
    bar.start('ch4 digits Momentum', 450);
    bar.update(450, { loss: 0.08299, epoch: 10, epochs: 10 });
    const line = (s.parts[0] ?? '').slice(1, -'\u001b[K'.length);
    expect(line.length).toBeLessThanOrEqual(89);
    // The bar (24 wide on a wide terminal) is what gets shorter.
    expect(line).toMatch(
      /^ch4 digits Momentum( \[#{0,23}\])? 450\/450 epoch 10\/10 loss 0\.08299 [\d.]+ it\/s ETA 00:00$/,
    );
  });
});
