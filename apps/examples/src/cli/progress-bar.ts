import type { ProgressSink } from '../chapters/chapter';

/** Something to write progress to (process.stdout, or a test's buffer). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

/**
 * Training progress: on a TTY one redrawn bar line (label, bar, epoch or step, loss, it/s, ETA),
 * otherwise a plain line at the start, at each quarter and at the end.
 */
export function progressBar(stream: ProgressStream): ProgressSink {
  let label = '';
  let total = 1;
  let started = 0;
  let lastDraw = 0;
  let lastQuarter = -1;
  let line = '';
  return {
    start(l, t) {
      label = l;
      total = t;
      started = performance.now();
      lastDraw = 0;
      lastQuarter = -1;
      if (!stream.isTTY) stream.write(`${label}: started\n`);
    },
    update(done, info) {
      const now = performance.now();
      const elapsed = (now - started) / 1000;
      const rate = done / Math.max(elapsed, 1e-9);
      const eta = (total - done) / Math.max(rate, 1e-9);
      const loss = info.loss === undefined ? '' : ` loss ${info.loss.toPrecision(4)}`;
      const epoch = info.epoch === undefined ? '' : ` epoch ${info.epoch}/${info.epochs ?? '?'}`;
      const unit = `${done}/${total}${epoch}`;
      const speed = ` ${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} it/s`;
      if (stream.isTTY) {
        if (now - lastDraw < 80 && done < total) return;
        lastDraw = now;
        // The bar gives way first on a narrow terminal, so the numbers and the ETA stay whole.
        const text = ` ${unit}${loss}${speed} ETA ${formatSeconds(eta)}`;
        const room = (stream.columns ?? 100) - 1;
        const width = Math.max(0, Math.min(24, room - label.length - text.length - 3));
        const filled = Math.round((width * done) / total);
        const bar = width > 0 ? ` [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]` : '';
        line = `${label}${bar}${text}`;
        stream.write(`\r${line.slice(0, room)}\x1b[K`);
      } else {
        const quarter = Math.floor((4 * done) / total);
        if (quarter === lastQuarter) return;
        lastQuarter = quarter;
        stream.write(`${label}: ${unit}${loss}${speed}\n`);
      }
    },
    end() {
      const secs = ((performance.now() - started) / 1000).toFixed(2);
      if (stream.isTTY) stream.write(`\r${label}: done in ${secs} s\x1b[K\n`);
      else stream.write(`${label}: done in ${secs} s\n`);
    },
  };
}
