import { describe, expect, it } from 'vitest';
import { diagramSvg } from './diagram';
import type { DiagramFrame } from './diagram';

const frame: DiagramFrame = {
  width: 200,
  height: 100,
  nodes: [
    { id: 'a', x: 40, y: 50, label: 'a', shape: 'box', lines: ['a < 1'], linesAt: 'above', state: 'done' },
    { id: 'b', x: 160, y: 50, label: 'b', shape: 'circle', lines: [], linesAt: 'below', state: 'active' },
  ],
  edges: [{ id: 'a-b', from: 'a', to: 'b', lines: ['w = 0.5'], state: 'pending' }],
};

describe('diagramSvg', () => {
  it('draws a titled, escaped SVG image with one group per node and edge and the caption', () => {
    const svg = diagramSvg(frame, { lang: 'en', title: 'A & B', caption: ['x · y = 2'] });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="200" height="129"/);
    expect(svg).toContain('role="img" aria-label="A &amp; B"><title>A &amp; B</title>');
    expect(svg).toContain('data-node="a" data-state="done"');
    expect(svg).toContain('data-node="b" data-state="active"');
    expect(svg).toContain('data-edge="a-b" data-state="pending"');
    expect(svg).toContain('>a &lt; 1</text>');
    expect(svg).toContain('>x · y = 2</text>');
    // The edge runs rim to rim: from x = 40 + 24 to x = 160 − 26.
    expect(svg).toContain('<line x1="64.0" y1="50.0" x2="134.0" y2="50.0"');
  });

  it('writes the title above the drawing when asked (a standalone file)', () => {
    const svg = diagramSvg(frame, { lang: 'en', title: 'The net', heading: true });
    expect(svg).toMatch(/height="128"/);
    expect(svg).toContain('font-weight="bold" fill="#222">The net</text><g transform="translate(0 28)">');
  });

  it('names the Chinese font first for zh', () => {
    expect(diagramSvg(frame, { lang: 'zh', title: 't' })).toContain(
      'font-family="Noto Sans SC, DejaVu Sans, sans-serif"',
    );
  });

  it('rejects an edge between unknown nodes', () => {
    const bad = { ...frame, edges: [{ id: 'e', from: 'a', to: 'z', lines: [], state: 'done' as const }] };
    expect(() => diagramSvg(bad, { lang: 'en', title: 't' })).toThrow(
      new Error('diagram: edge e joins unknown nodes a and z'),
    );
  });
});
