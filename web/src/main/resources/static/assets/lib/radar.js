// A radar chart of the report's dimensions (scores 0–100), drawn as SVG so it is sharp on phones and in print.
import { svg } from './dom.js';

export function radar(dimensions, { size = 320 } = {}) {
  const n = dimensions.length;
  const c = size / 2;
  const r = size / 2 - 64;
  const point = (i, value) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [c + Math.cos(angle) * r * (value / 100), c + Math.sin(angle) * r * (value / 100)];
  };
  const ring = (value) => dimensions.map((_, i) => point(i, value).join(',')).join(' ');
  return svg('svg', { viewBox: `0 0 ${size} ${size}`, class: 'radar', role: 'img', 'aria-label': `雷达图:${dimensions.map((d) => `${d.name} ${d.score}`).join(',')}` },
    [20, 40, 60, 80, 100].map((v) => svg('polygon', { points: ring(v), class: 'radar-ring' })),
    dimensions.map((_, i) => {
      const [x, y] = point(i, 100);
      return svg('line', { x1: c, y1: c, x2: x, y2: y, class: 'radar-axis' });
    }),
    svg('polygon', { points: dimensions.map((d, i) => point(i, Math.max(2, d.score)).join(',')).join(' '), class: 'radar-area' }),
    dimensions.map((d, i) => {
      const [x, y] = point(i, Math.max(2, d.score));
      return svg('circle', { cx: x, cy: y, r: 3.5, class: 'radar-dot' });
    }),
    dimensions.map((d, i) => {
      const [x, y] = point(i, 122);
      const anchor = Math.abs(x - c) < 8 ? 'middle' : (x > c ? 'start' : 'end');
      return svg('text', { x, y, 'text-anchor': anchor, 'dominant-baseline': 'middle', class: 'radar-label' },
        svg('tspan', { x, dy: '-0.4em' }, d.name), svg('tspan', { x, dy: '1.2em', class: 'radar-score' }, String(d.score)));
    }));
}
