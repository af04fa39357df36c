// @ts-check
/**
 * Small SVG chart helpers (no library). Each returns a <figure> with the SVG (role="img" + aria-label), a legend and
 * a collapsible data table, so the numbers are also available as text. Suppressed values are drawn as hatched
 * placeholders and labelled "<n".
 */
import { h, s } from './dom.js';
import { t, getLang } from './i18n.js';

/** Colours per intensity level (lightest → heaviest), also used by the child timeline. */
export const LEVEL_COLORS = {
  licht_ambulant: '#5aa469',
  specialistisch_ambulant: '#2f7fb5',
  dagbehandeling: '#7a5cc2',
  pleegzorg_gezinshuis: '#c28a1e',
  residentieel: '#c8553d',
  gesloten: '#7d1d3f',
  onbekend: '#7b8490',
};

export const SERIES_COLORS = { instroom: '#2f7fb5', uitstroom: '#c8553d', actief: '#3d8b4f' };

const W = 640;
const PAD = { top: 16, right: 16, bottom: 44, left: 48 };

function fmt(n) {
  return new Intl.NumberFormat(getLang() === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(n);
}

/** A "nice" upper bound and tick step for an axis from 0 to max. */
function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  return { max: Math.ceil(max / step) * step, step };
}

function hatchDefs(id) {
  return s(
    'defs',
    null,
    s(
      'pattern',
      { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, fill: '#eef0f3' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#9aa3ad', 'stroke-width': 2 }),
    ),
  );
}

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

function yAxis(svg, scale, height) {
  const plotH = height - PAD.top - PAD.bottom;
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    const y = PAD.top + plotH - (v / scale.max) * plotH;
    svg.append(
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'chart-grid' }),
      s('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-tick' }, fmt(v)),
    );
  }
}

function legend(items) {
  return h(
    'ul',
    { class: 'chart-legend' },
    items.map((it) =>
      h(
        'li',
        null,
        h('span', {
          class: ['swatch', it.dashed && 'swatch-dashed', it.hatched && 'swatch-hatched'],
          style: `--swatch:${it.color}`,
          'aria-hidden': 'true',
        }),
        it.label,
      ),
    ),
  );
}

function dataTable(caption, headers, rows) {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', null, t('regio.dataTable')),
    h(
      'table',
      { class: 'data small' },
      h('caption', { class: 'sr-only' }, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: 'num' }, c))),
          ),
        ),
      ),
    ),
  );
}

function cellText(cell, minCount) {
  if (cell.suppressed) return `<${minCount}`;
  return cell.value === null ? '–' : fmt(cell.value);
}

/**
 * Multi-series line chart over categorical periods.
 * @param {{title: string, labels: string[], series: {key: string, label: string, color: string, cells: {value: number|null, suppressed:
 * boolean}[]}[], minCount: number}} opts
 */
export function lineChart({ title, labels, series, minCount }) {
  const height = 260;
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = Math.max(0, ...series.flatMap((se) => se.cells.map((c) => c.value ?? 0)));
  const scale = niceScale(max);
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  if (labels.length === 0) {
    svg.append(s('text', { x: W / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, t('chart.empty')));
    return h('figure', { class: 'chart-figure' }, svg);
  }
  yAxis(svg, scale, height);
  const step = labels.length > 1 ? plotW / (labels.length - 1) : 0;
  const x = (i) => PAD.left + (labels.length > 1 ? i * step : plotW / 2);
  const y = (v) => PAD.top + plotH - (v / scale.max) * plotH;
  const every = Math.ceil(labels.length / 12);
  labels.forEach((label, i) => {
    if (i % every === 0)
      svg.append(s('text', { x: x(i), y: height - PAD.bottom + 18, 'text-anchor': 'middle', class: 'chart-tick' }, label));
  });
  for (const se of series) {
    // Break the line at null/suppressed points.
    let d = '';
    let pen = false;
    se.cells.forEach((c, i) => {
      if (c.value === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(c.value).toFixed(1)}`;
      pen = true;
    });
    if (d) svg.append(s('path', { d, fill: 'none', stroke: se.color, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }));
    se.cells.forEach((c, i) => {
      const tip = `${se.label} ${labels[i]}: ${cellText(c, minCount)}`;
      if (c.value !== null) svg.append(s('circle', { cx: x(i), cy: y(c.value), r: 3.5, fill: se.color }, s('title', null, tip)));
      else if (c.suppressed)
        svg.append(
          s(
            'circle',
            { cx: x(i), cy: PAD.top + plotH, r: 3.5, fill: '#fff', stroke: se.color, 'stroke-dasharray': '2 2' },
            s('title', null, tip),
          ),
        );
    });
  }
  return h(
    'figure',
    { class: 'chart-figure' },
    svg,
    legend(series.map((se) => ({ label: se.label, color: se.color }))),
    dataTable(
      title,
      [t('chart.period'), ...series.map((se) => se.label)],
      labels.map((label, i) => [label, ...series.map((se) => cellText(se.cells[i], minCount))]),
    ),
  );
}

/**
 * Vertical bar histogram.
 * @param {{title: string, buckets: {label: string, cell: {value: number|null, suppressed: boolean}}[], minCount: number, color?: string}}
 * opts
 */
export function histogram({ title, buckets, minCount, color = '#2f7fb5' }) {
  const height = 240;
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const max = Math.max(0, ...buckets.map((b) => b.cell.value ?? 0));
  const scale = niceScale(max || minCount);
  const hatch = nextId('hatch');
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': title, class: 'chart' }, hatchDefs(hatch));
  if (buckets.length === 0) {
    svg.append(s('text', { x: W / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, t('chart.empty')));
    return h('figure', { class: 'chart-figure' }, svg);
  }
  yAxis(svg, scale, height);
  const slot = plotW / buckets.length;
  const bw = Math.max(4, slot * 0.7);
  buckets.forEach((b, i) => {
    const cx = PAD.left + slot * i + slot / 2;
    const tip = `${b.label}: ${cellText(b.cell, minCount)}`;
    if (b.cell.suppressed) {
      // Unknown value below the threshold: hatched bar up to the threshold, labelled.
      const bh = ((minCount - 1) / scale.max) * plotH;
      svg.append(
        s(
          'rect',
          { x: cx - bw / 2, y: PAD.top + plotH - bh, width: bw, height: bh, fill: `url(#${hatch})`, stroke: '#9aa3ad' },
          s('title', null, tip),
        ),
        s('text', { x: cx, y: PAD.top + plotH - bh - 4, 'text-anchor': 'middle', class: 'chart-value' }, `<${minCount}`),
      );
    } else if (b.cell.value !== null) {
      const bh = (b.cell.value / scale.max) * plotH;
      svg.append(
        s(
          'rect',
          { x: cx - bw / 2, y: PAD.top + plotH - bh, width: bw, height: Math.max(bh, 0.5), fill: color, rx: 2 },
          s('title', null, tip),
        ),
        s('text', { x: cx, y: PAD.top + plotH - bh - 4, 'text-anchor': 'middle', class: 'chart-value' }, fmt(b.cell.value)),
      );
    }
    svg.append(s('text', { x: cx, y: height - PAD.bottom + 18, 'text-anchor': 'middle', class: 'chart-tick' }, b.label));
  });
  return h(
    'figure',
    { class: 'chart-figure' },
    svg,
    legend([
      { label: t('chart.count'), color },
      { label: t('chart.suppressed', { n: minCount }), color: '#9aa3ad', hatched: true },
    ]),
    dataTable(
      title,
      [t('chart.bucket'), t('chart.count')],
      buckets.map((b) => [b.label, cellText(b.cell, minCount)]),
    ),
  );
}

/**
 * Sankey-like flow diagram: levels on the left (from) and right (to), one band per flow, width ∝ number of children.
 * @param {{title: string, levels: string[], levelLabel: (l: string) => string, flows: {van: string, naar: string, richting: string,
 * kinderen: {value: number|null, suppressed: boolean}}[], minCount: number}} opts
 */
export function flowChart({ title, levels, levelLabel, flows, minCount }) {
  const rowH = 40;
  const height = PAD.top + levels.length * rowH + 16;
  const leftX = 170;
  const rightX = W - 170;
  const nodeW = 10;
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  const yOf = (level) => PAD.top + levels.indexOf(level) * rowH + rowH / 2;
  const max = Math.max(1, ...flows.map((f) => f.kinderen.value ?? 0));
  const colors = { opschalen: '#c8553d', afschalen: '#3d8b4f' };
  const label = (l) => levelLabel(l);
  for (const level of levels) {
    const y = yOf(level);
    const color = LEVEL_COLORS[level] ?? LEVEL_COLORS.onbekend;
    svg.append(
      s('rect', { x: leftX - nodeW, y: y - rowH / 2 + 6, width: nodeW, height: rowH - 12, fill: color, rx: 2 }),
      s('rect', { x: rightX, y: y - rowH / 2 + 6, width: nodeW, height: rowH - 12, fill: color, rx: 2 }),
      s('text', { x: leftX - nodeW - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-tick' }, label(level)),
      s('text', { x: rightX + nodeW + 6, y: y + 4, 'text-anchor': 'start', class: 'chart-tick' }, label(level)),
    );
  }
  const sorted = [...flows].sort((a, b) => (b.kinderen.value ?? 0) - (a.kinderen.value ?? 0));
  for (const f of sorted) {
    if (!levels.includes(f.van) || !levels.includes(f.naar)) continue;
    const y1 = yOf(f.van);
    const y2 = yOf(f.naar);
    const width = f.kinderen.suppressed ? 2 : Math.max(2, ((f.kinderen.value ?? 0) / max) * (rowH - 12));
    const mid = (leftX + rightX) / 2;
    const n = cellText(f.kinderen, minCount);
    svg.append(
      s(
        'path',
        {
          d: `M${leftX},${y1} C${mid},${y1} ${mid},${y2} ${rightX},${y2}`,
          fill: 'none',
          stroke: colors[f.richting] ?? '#7b8490',
          'stroke-opacity': 0.55,
          'stroke-width': width,
          'stroke-dasharray': f.kinderen.suppressed ? '4 3' : null,
          class: 'flow-link',
        },
        s('title', null, t('chart.flow', { van: label(f.van), naar: label(f.naar), n })),
      ),
    );
  }
  return h(
    'figure',
    { class: 'chart-figure' },
    svg,
    legend([
      { label: t('chart.opschalen'), color: colors.opschalen },
      { label: t('chart.afschalen'), color: colors.afschalen },
      { label: t('chart.suppressed', { n: minCount }), color: '#7b8490', dashed: true },
    ]),
    dataTable(
      title,
      [`${t('regio.from')} → ${t('regio.to')}`, t('chart.count')],
      flows.map((f) => [`${label(f.van)} → ${label(f.naar)} (${t(`chart.${f.richting}`)})`, cellText(f.kinderen, minCount)]),
    ),
  );
}
