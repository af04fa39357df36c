// @ts-check
/**
 * The child's timeline: one horizontal bar per trajectory over time (dashed while assigned but not started, solid
 * while in care), coloured by intensity level, with the iJw messages as markers (JW301 circle, JW305 triangle,
 * JW307 square). A data table below gives the same information as text.
 */
import { h, s, todayIso, dayNumber, addDays, formatDate } from '../dom.js';
import { t, getLang, levelName, tOr } from '../i18n.js';
import { LEVEL_COLORS } from '../charts.js';

const W = 620;
const LABEL_W = 168;
const ROW_H = 40;
const AXIS_H = 28;
const RIGHT = 16;

const minDate = (dates) => dates.filter(Boolean).sort()[0] ?? null;
const maxDate = (dates) => dates.filter(Boolean).sort().at(-1) ?? null;

/** The dashed (assigned, not started) and solid (in care) intervals of one trajectory. */
export function barSegments(tr, today) {
  const assignedFrom = tr.ingangsdatum ?? tr.begindatum;
  const withdrawnOn = tr.timeline?.find((e) => e.soort === 'intrekking')?.datum ?? null;
  let dashed = null;
  let solid = null;
  if (tr.begindatum) {
    if (tr.ingangsdatum && tr.ingangsdatum < tr.begindatum) dashed = [tr.ingangsdatum, tr.begindatum];
    solid = [tr.begindatum, tr.stopdatum ?? (today > tr.begindatum ? today : tr.begindatum)];
  } else if (assignedFrom) {
    let end = tr.status === 'ingetrokken' && withdrawnOn ? withdrawnOn : today;
    if (tr.einddatum && tr.einddatum < end) end = tr.einddatum;
    if (end < assignedFrom) end = tr.einddatum && tr.einddatum > assignedFrom ? tr.einddatum : assignedFrom;
    dashed = [assignedFrom, end];
  }
  return { dashed, solid };
}

function tickDates(from, to) {
  const span = dayNumber(to) - dayNumber(from);
  const stepMonths = span > 1500 ? 12 : span > 700 ? 6 : span > 300 ? 3 : 1;
  const ticks = [];
  let [y, m] = from.split('-').map(Number);
  m = Math.ceil(m / stepMonths) * stepMonths - stepMonths + 1;
  for (let i = 0; i < 200; i++) {
    const iso = `${y}-${String(m).padStart(2, '0')}-01`;
    if (iso > to) break;
    if (iso >= from) ticks.push(iso);
    m += stepMonths;
    while (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return ticks;
}

function marker(code, x, y) {
  const common = { fill: '#fff', stroke: '#1f2933', 'stroke-width': 1.6 };
  if (code === 'JW305') return s('path', { ...common, d: `M${x - 5},${y + 5} L${x + 5},${y + 5} L${x},${y - 5} Z` });
  if (code === 'JW307') return s('rect', { ...common, x: x - 4.5, y: y - 4.5, width: 9, height: 9 });
  return s('circle', { ...common, cx: x, cy: y, r: 4.5 });
}

/**
 * @param {{trajecten: object[], relatedIds?: string[]}} opts
 */
export function timelineChart({ trajecten, relatedIds = [] }) {
  const lang = getLang();
  const today = todayIso();
  const wrapper = h('div', { class: 'timeline', 'data-testid': 'timeline' });
  if (!trajecten.length) {
    wrapper.append(h('p', { class: 'muted' }, t('timeline.empty')));
    return wrapper;
  }
  const rows = [...trajecten].sort((a, b) => {
    const sa = a.ingangsdatum ?? a.begindatum ?? '';
    const sb = b.ingangsdatum ?? b.begindatum ?? '';
    return sa < sb ? -1 : sa > sb ? 1 : a.id < b.id ? -1 : 1;
  });
  const allDates = rows.flatMap((r) => [r.ingangsdatum, r.begindatum, r.stopdatum, r.einddatum, ...(r.timeline ?? []).map((e) => e.datum)]);
  let from = minDate(allDates) ?? today;
  let to = maxDate([...allDates, today]);
  const span = Math.max(30, dayNumber(to) - dayNumber(from));
  from = addDays(from, -Math.round(span * 0.03));
  to = addDays(to, Math.round(span * 0.03));
  const plotW = W - LABEL_W - RIGHT;
  const x = (iso) => LABEL_W + ((dayNumber(iso) - dayNumber(from)) / (dayNumber(to) - dayNumber(from))) * plotW;
  const height = AXIS_H + rows.length * ROW_H + 8;

  const svg = s('svg', {
    viewBox: `0 0 ${W} ${height}`,
    class: 'chart timeline-svg',
    role: 'img',
    'aria-label': t('timeline.label', { n: rows.length, from: formatDate(from, lang), to: formatDate(to, lang) }),
  });
  const dashId = `dash-${Math.random().toString(36).slice(2, 8)}`;
  svg.append(
    s(
      'defs',
      null,
      s(
        'pattern',
        { id: dashId, width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        s('rect', { width: 8, height: 8, fill: '#fff' }),
        s('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#c3c8ce', 'stroke-width': 3 }),
      ),
    ),
  );

  // Axis with month/quarter/year ticks.
  for (const tick of tickDates(from, to)) {
    const tx = x(tick);
    svg.append(
      s('line', { x1: tx, x2: tx, y1: AXIS_H - 6, y2: height - 4, class: 'chart-grid' }),
      s(
        'text',
        { x: tx + 3, y: AXIS_H - 10, class: 'chart-tick' },
        new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
          new Date(`${tick}T00:00:00Z`),
        ),
      ),
    );
  }

  rows.forEach((tr, i) => {
    const top = AXIS_H + i * ROW_H;
    const cy = top + ROW_H / 2;
    const color = LEVEL_COLORS[tr.intensiteit ?? 'onbekend'] ?? LEVEL_COLORS.onbekend;
    const related = relatedIds.includes(tr.id);
    const withdrawn = tr.status === 'ingetrokken';
    const g = s('g', { class: ['timeline-row', related && 'related', withdrawn && 'withdrawn'] });
    if (related) g.append(s('rect', { x: 0, y: top + 2, width: W, height: ROW_H - 4, class: 'timeline-related', rx: 4 }));
    const name = `${levelName(tr.intensiteit)}${tr.crisis ? ` · ${t('timeline.crisis')}` : ''}`;
    g.append(
      s('text', { x: 8, y: cy - 3, class: 'timeline-label' }, related ? '▶ ' : '', name),
      s(
        'text',
        { x: 8, y: cy + 12, class: 'timeline-sublabel' },
        `${tr.productcategorie ?? ''}${tr.productcode ? `/${tr.productcode}` : ''} · ` +
          `${tr.aanbieder ?? '–'} · ${tOr(`tstatus.${tr.status}`, tr.status)}`,
      ),
    );
    const { dashed, solid } = barSegments(tr, today);
    const barH = 14;
    const summary = t('timeline.bar', {
      product: name,
      aanbieder: tr.aanbieder ?? '–',
      status: tOr(`tstatus.${tr.status}`, tr.status),
      from: formatDate(tr.ingangsdatum ?? tr.begindatum, lang),
      to: tr.stopdatum ? formatDate(tr.stopdatum, lang) : tr.einddatum ? formatDate(tr.einddatum, lang) : t('timeline.open'),
    });
    if (dashed) {
      g.append(
        s(
          'rect',
          {
            x: x(dashed[0]),
            y: cy - barH / 2,
            width: Math.max(2, x(dashed[1]) - x(dashed[0])),
            height: barH,
            fill: `url(#${dashId})`,
            stroke: color,
            'stroke-width': 1.5,
            'stroke-dasharray': '5 3',
            rx: 3,
          },
          s('title', null, `${summary} (${t('timeline.assigned')})`),
        ),
      );
    }
    if (solid) {
      g.append(
        s(
          'rect',
          {
            x: x(solid[0]),
            y: cy - barH / 2,
            width: Math.max(3, x(solid[1]) - x(solid[0])),
            height: barH,
            fill: color,
            rx: 3,
            'fill-opacity': withdrawn ? 0.35 : 1,
          },
          s('title', null, summary),
        ),
      );
    }
    if (tr.crisis && (solid || dashed)) {
      const [a] = /** @type {number[]} */ (solid ?? dashed);
      g.append(s('text', { x: x(a) + 3, y: cy - barH / 2 - 2, class: 'timeline-flag' }, t('timeline.crisis')));
    }
    for (const e of tr.timeline ?? []) {
      const m = marker(e.berichtcode, x(e.datum), cy);
      m.append(
        s(
          'title',
          null,
          t('timeline.point', { code: e.berichtcode, soort: tOr(`soort.${e.soort}`, e.soort), datum: formatDate(e.datum, lang) }),
        ),
      );
      g.append(m);
    }
    svg.append(g);
  });

  const tx = x(today);
  svg.append(
    s('line', { x1: tx, x2: tx, y1: AXIS_H - 4, y2: height - 4, class: 'timeline-today' }),
    s('text', { x: tx - 3, y: height - 6, 'text-anchor': 'end', class: 'timeline-today-label' }, t('timeline.today')),
  );

  const levels = [...new Set(rows.map((r) => r.intensiteit ?? 'onbekend'))];
  const legendItems = [
    ...levels.map((l) =>
      h(
        'li',
        null,
        h('span', { class: 'swatch', style: `--swatch:${LEVEL_COLORS[l] ?? LEVEL_COLORS.onbekend}`, 'aria-hidden': 'true' }),
        levelName(l === 'onbekend' ? null : l),
      ),
    ),
    h('li', null, h('span', { class: 'swatch swatch-dashed', style: '--swatch:#7b8490', 'aria-hidden': 'true' }), t('timeline.assigned')),
    h('li', null, h('span', { class: 'marker-icon', 'aria-hidden': 'true' }, '○'), t('code.JW301')),
    h('li', null, h('span', { class: 'marker-icon', 'aria-hidden': 'true' }, '△'), t('code.JW305')),
    h('li', null, h('span', { class: 'marker-icon', 'aria-hidden': 'true' }, '□'), t('code.JW307')),
  ];
  if (relatedIds.length)
    legendItems.push(h('li', null, h('span', { class: 'marker-icon', 'aria-hidden': 'true' }, '▶'), t('timeline.related')));

  // The same data as text, for screen readers and for copying.
  const table = h(
    'details',
    { class: 'chart-data' },
    h('summary', null, t('regio.dataTable')),
    h(
      'table',
      { class: 'data small' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('detail.trajectories'), t('col.status'), t('regio.from'), t('regio.to'), t('timeline.legend')].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((tr) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, `${tr.toewijzingNummer ?? tr.id} · ${levelName(tr.intensiteit)} · ${tr.aanbieder ?? '–'}`),
            h('td', null, tOr(`tstatus.${tr.status}`, tr.status)),
            h('td', null, formatDate(tr.begindatum ?? tr.ingangsdatum, lang)),
            h(
              'td',
              null,
              tr.stopdatum ? formatDate(tr.stopdatum, lang) : tr.einddatum ? formatDate(tr.einddatum, lang) : t('timeline.open'),
            ),
            h('td', null, (tr.timeline ?? []).map((e) => `${e.berichtcode} ${formatDate(e.datum, lang)}`).join(', ')),
          ),
        ),
      ),
    ),
  );

  wrapper.append(h('div', { class: 'timeline-scroll' }, svg), h('ul', { class: 'chart-legend' }, legendItems), table);
  return wrapper;
}
