import type { Lang } from '../chapters/chapter';

/** How far a step has got to a node or an edge: not reached yet, the current step, or done. */
export type DiagramState = 'pending' | 'active' | 'done';

/** A neuron, an input, a bias or an operation of a computational graph. */
export interface DiagramNode {
  id: string;
  x: number;
  y: number;
  /** Text inside the node (`h1`, `exp`). */
  label: string;
  /** `circle` for neurons and operations, `box` for inputs, biases and targets. */
  shape: 'circle' | 'box';
  /** Values written beside the node, one per line (empty until the step reaches it). */
  lines: string[];
  /** Where the value lines go. */
  linesAt: 'above' | 'below' | 'left' | 'right';
  state: DiagramState;
}

/** A weighted edge (or a data-flow edge of a computational graph), drawn as an arrow. */
export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  /** Text along the edge, one per line (`w5 = 0.4`, `∂E/∂w5 = 0.082167041`). */
  lines: string[];
  /** Where along the edge the text sits, from 0 (source) to 1 (target); default 0.5. */
  labelAt?: number;
  dashed?: boolean;
  state: DiagramState;
}

/** One picture of a diagram: every node and edge as a step leaves them. */
export interface DiagramFrame {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** One step of a stepper: the frame and what the step computed, in words and numbers. */
export interface DiagramStep {
  /** Short name of the step (`Forward: h1`). */
  title: string;
  /** The step's arithmetic, one formula per line (the chain-rule product on a backward step). */
  lines: string[];
  frame: DiagramFrame;
}

/** A diagram drawn as a figure: the CLI writes it as SVG and PNG; the page steps through it. */
export interface Diagram {
  /** File stem and anchor, e.g. `ch2-network`. */
  id: string;
  title: string;
  /** Every step, from the bare diagram to the last one. */
  steps: DiagramStep[];
  /** The title of the chapter printout this diagram shows as a picture (not repeated beside it). */
  presents?: string;
}

const COLORS: Record<DiagramState, { stroke: string; fill: string; text: string }> = {
  pending: { stroke: '#9a9a9a', fill: '#f4f4f4', text: '#555' },
  active: { stroke: '#d62728', fill: '#fde3e3', text: '#a01010' },
  done: { stroke: '#1f77b4', fill: '#e4eef8', text: '#222' },
};

/** Fonts as the CLI's charts name them (Chinese first for zh, see `src/cli/render-chart.ts`). */
const FONT: Record<Lang, string> = {
  en: 'DejaVu Sans, Noto Sans SC, sans-serif',
  zh: 'Noto Sans SC, DejaVu Sans, sans-serif',
};

const NODE_RADIUS = 24;
const LINE_HEIGHT = 15;
const FONT_SIZE = 12.5;
/** Text width estimate per character (DejaVu Sans averages about 0.6 em). */
const CHAR_WIDTH = 0.6 * FONT_SIZE;

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function textBlock(
  lines: readonly string[],
  cx: number,
  top: number,
  color: string,
  anchor: 'start' | 'middle' | 'end' = 'middle',
): string {
  if (lines.length === 0) return '';
  const width = Math.max(...lines.map((l) => [...l].length)) * CHAR_WIDTH + 8;
  const left = anchor === 'middle' ? cx - width / 2 : anchor === 'start' ? cx - 4 : cx - width + 4;
  const rect = `<rect x="${left.toFixed(1)}" y="${(top - 2).toFixed(1)}" width="${width.toFixed(1)}" height="${lines.length * LINE_HEIGHT + 4}" rx="3" fill="white" fill-opacity="0.92"/>`;
  const text = lines
    .map(
      (l, i) =>
        `<text x="${cx.toFixed(1)}" y="${(top + (i + 1) * LINE_HEIGHT - 4).toFixed(1)}" text-anchor="${anchor}" fill="${color}">${escapeXml(l)}</text>`,
    )
    .join('');
  return rect + text;
}

function nodeSvg(n: DiagramNode): string {
  const c = COLORS[n.state];
  const shape =
    n.shape === 'circle'
      ? `<circle cx="${n.x}" cy="${n.y}" r="${NODE_RADIUS}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/>`
      : `<rect x="${n.x - NODE_RADIUS}" y="${n.y - 16}" width="${2 * NODE_RADIUS}" height="32" rx="4" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/>`;
  const label = `<text x="${n.x}" y="${n.y + 4.5}" text-anchor="middle" font-weight="bold" fill="${c.text}">${escapeXml(n.label)}</text>`;
  const h = n.lines.length * LINE_HEIGHT;
  const gap = NODE_RADIUS + 6;
  const lines =
    n.linesAt === 'above'
      ? textBlock(n.lines, n.x, n.y - gap - h, c.text)
      : n.linesAt === 'below'
        ? textBlock(n.lines, n.x, n.y + gap, c.text)
        : n.linesAt === 'right'
          ? textBlock(n.lines, n.x + gap, n.y - h / 2, c.text, 'start')
          : textBlock(n.lines, n.x - gap, n.y - h / 2, c.text, 'end');
  return `<g data-node="${escapeXml(n.id)}" data-state="${n.state}">${shape}${label}${lines}</g>`;
}

function edgeSvg(e: DiagramEdge, nodes: ReadonlyMap<string, DiagramNode>, ids: string): string {
  const a = nodes.get(e.from);
  const b = nodes.get(e.to);
  if (a === undefined || b === undefined)
    throw new Error(`diagram: edge ${e.id} joins unknown nodes ${e.from} and ${e.to}`);
  const c = COLORS[e.state];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  // From the rim of one node to the rim of the other (the arrowhead ends at the rim).
  const [ux, uy] = [dx / len, dy / len];
  const [x1, y1] = [a.x + ux * NODE_RADIUS, a.y + uy * NODE_RADIUS];
  const [x2, y2] = [b.x - ux * (NODE_RADIUS + 2), b.y - uy * (NODE_RADIUS + 2)];
  const width = e.state === 'active' ? 3 : 1.6;
  const line = `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${c.stroke}" stroke-width="${width}"${e.dashed === true ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#${ids}-${e.state})"/>`;
  const t = e.labelAt ?? 0.5;
  const mx = a.x + dx * t;
  const my = a.y + dy * t;
  const label = textBlock(e.lines, mx, my - (e.lines.length * LINE_HEIGHT) / 2, c.text);
  return `<g data-edge="${escapeXml(e.id)}" data-state="${e.state}">${line}${label}</g>`;
}

/**
 * Draws a frame as a standalone SVG document (the same markup on the page and in the CLI's files):
 * edges as arrows with their text on a white box, nodes coloured by state (grey: not reached yet,
 * red: the current step, blue: done), optional caption lines under the drawing.
 *
 * @example
 * diagramSvg(steps[0].frame, { lang: 'en', title: 'The 2-2-2 network' });
 */
export function diagramSvg(
  frame: DiagramFrame,
  o: {
    lang: Lang;
    title: string;
    caption?: readonly string[];
    /** Prefix of the SVG's ids (its arrowheads), so that several diagrams on one page stay unique. */
    idPrefix?: string;
    /** Write the title above the drawing (a standalone file; the page has a caption instead). */
    heading?: boolean;
  },
): string {
  const top = o.heading === true ? 28 : 0;
  const ids = o.idPrefix === undefined ? 'arrow' : `${o.idPrefix}-arrow`;
  const nodes = new Map(frame.nodes.map((n) => [n.id, n]));
  const caption = o.caption ?? [];
  const captionTop = top + frame.height + 6;
  const height = top + frame.height + (caption.length > 0 ? caption.length * LINE_HEIGHT + 14 : 0);
  const captionWidth = Math.max(0, ...caption.map((l) => [...l].length * CHAR_WIDTH + 24));
  const width = Math.ceil(Math.max(frame.width, captionWidth));
  const markers = (Object.keys(COLORS) as DiagramState[])
    .map(
      (s) =>
        `<marker id="${ids}-${s}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${COLORS[s].stroke}"/></marker>`,
    )
    .join('');
  const captionSvg = caption
    .map(
      (l, i) =>
        `<text x="12" y="${captionTop + (i + 1) * LINE_HEIGHT}" fill="#222">${escapeXml(l)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${FONT[o.lang]}" font-size="${FONT_SIZE}" role="img" aria-label="${escapeXml(o.title)}">` +
    `<title>${escapeXml(o.title)}</title><defs>${markers}</defs>` +
    `<rect width="${width}" height="${height}" fill="white"/>` +
    (top > 0
      ? `<text x="12" y="20" font-size="15" font-weight="bold" fill="#222">${escapeXml(o.title)}</text>`
      : '') +
    `<g transform="translate(0 ${top})">` +
    frame.edges.map((e) => edgeSvg(e, nodes, ids)).join('') +
    frame.nodes.map(nodeSvg).join('') +
    '</g>' +
    captionSvg +
    '</svg>'
  );
}
