import type { ChartData } from './metrics-types.js';

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = [
  '#1c7ed6',
  '#e8590c',
  '#2f9e44',
  '#ae3ec9',
  '#f59f00',
  '#0ca678',
  '#d6336c',
  '#5c7cfa',
  '#868e96',
  '#74b816',
];
const WIDTH = 480;
const HEIGHT = 180;
const PAD = { left: 40, right: 10, top: 10, bottom: 22 };

export interface LineChartOptions {
  /** Drawn as a dashed red line (an alarm's threshold). */
  readonly threshold?: number;
  /** Lines beyond this many are folded into the legend's "+ n more" (the busiest are drawn). */
  readonly maxSeries?: number;
}

/**
 * Draws a time series chart as SVG: one polyline per series on shared axes, with a legend.
 * Rebuilt on each poll (a few hundred points; no library needed).
 * @example
 * panel.replaceChildren(lineChart(concurrency(snapshot), { threshold: 100 }));
 */
export function lineChart(data: ChartData, options: LineChartOptions = {}): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'chart';
  const busiest = [...data.series]
    .map((series) => ({ series, total: series.values.reduce((sum, value) => sum + value, 0) }))
    .sort((a, b) => b.total - a.total);
  const drawn = busiest.slice(0, options.maxSeries ?? 12);
  const maxValue = Math.max(1, options.threshold ?? 0, ...drawn.flatMap(({ series }) => series.values));
  const top = niceCeiling(maxValue);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = Math.max(1, data.times.length - 1);
  const x = (index: number): number => PAD.left + (index / n) * plotW;
  const y = (value: number): number => PAD.top + plotH - (value / top) * plotH;
  for (const fraction of [0, 0.5, 1]) {
    const value = top * fraction;
    svg.append(line(PAD.left, y(value), WIDTH - PAD.right, y(value), '#e3e7ec'));
    svg.append(label(PAD.left - 4, y(value) + 3, formatValue(value), 'end'));
  }
  const first = data.times[0];
  const last = data.times.at(-1);
  if (first !== undefined && last !== undefined) {
    svg.append(label(PAD.left, HEIGHT - 6, clock(first), 'start'));
    svg.append(label(WIDTH - PAD.right, HEIGHT - 6, clock(last), 'end'));
  }
  if (options.threshold !== undefined) {
    const threshold = line(
      PAD.left,
      y(options.threshold),
      WIDTH - PAD.right,
      y(options.threshold),
      '#e03131',
    );
    threshold.setAttribute('stroke-dasharray', '4 4');
    threshold.setAttribute('data-testid', 'chart-threshold');
    svg.append(threshold);
  }
  drawn.forEach(({ series }, index) => {
    const polyline = document.createElementNS(SVG, 'polyline');
    polyline.setAttribute(
      'points',
      series.values.map((value, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(' '),
    );
    polyline.setAttribute('fill', 'none');
    polyline.setAttribute('stroke', PALETTE[index % PALETTE.length] as string);
    polyline.setAttribute('stroke-width', '1.6');
    polyline.setAttribute('data-series', series.name);
    svg.append(polyline);
  });
  wrapper.append(svg);
  const legend = document.createElement('ul');
  legend.className = 'legend';
  drawn.forEach(({ series, total }, index) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = PALETTE[index % PALETTE.length] as string;
    item.append(
      swatch,
      `${series.name} (${formatValue(series.values.at(-1) ?? 0)} now, Σ ${formatValue(total)})`,
    );
    legend.append(item);
  });
  if (busiest.length > drawn.length) {
    const more = document.createElement('li');
    more.textContent = `+ ${busiest.length - drawn.length} more with fewer`;
    legend.append(more);
  }
  if (data.series.length === 0) {
    const none = document.createElement('li');
    none.textContent = 'no data yet';
    legend.append(none);
  }
  wrapper.append(legend);
  return wrapper;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string): SVGLineElement {
  const element = document.createElementNS(SVG, 'line');
  for (const [name, value] of Object.entries({ x1, y1, x2, y2 }))
    element.setAttribute(name, value.toFixed(1));
  element.setAttribute('stroke', stroke);
  return element;
}

function label(x: number, y: number, text: string, anchor: 'start' | 'end'): SVGTextElement {
  const element = document.createElementNS(SVG, 'text');
  element.setAttribute('x', x.toFixed(1));
  element.setAttribute('y', y.toFixed(1));
  element.setAttribute('text-anchor', anchor);
  element.setAttribute('class', 'axis');
  element.textContent = text;
  return element;
}

/** 1, 2, 5 × 10ⁿ at or above `value`, so the axis reads in round numbers. */
function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * magnitude >= value) ?? 10) * magnitude;
}

function formatValue(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' });
}
