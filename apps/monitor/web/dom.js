// @ts-check
/**
 * Tiny DOM helpers. Every piece of data goes into the DOM as a text node or an attribute value:
 * never through innerHTML.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

function applyAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class' && Array.isArray(value)) el.setAttribute('class', value.filter(Boolean).join(' '));
    else if (key === 'value' && 'value' in el) el.value = value;
    // Through the CSSOM, not a style attribute: the Content-Security-Policy allows no inline style.
    else if (key === 'style')
      for (const [prop, v] of String(value)
        .split(';')
        .map((d) => d.split(/:(.*)/s))
        .filter((d) => d[0]?.trim() && d[1] !== undefined))
        el.style.setProperty(prop.trim(), v.trim());
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Create an HTML element: h('td', {class: 'x', 'data-testid': 'y'}, 'text', childNode, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Create an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replace all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Visually hidden text for screen readers. */
export function srOnly(text) {
  return h('span', { class: 'sr-only' }, text);
}

// ---------- dates ----------

const DAY = 86_400_000;

/** 'YYYY-MM-DD' of a Date in local time. */
export function isoDate(d = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function todayIso() {
  return isoDate(new Date());
}

/** The date part of an ISO date or timestamp (a timestamp is read in local time). */
export function datePart(value) {
  if (!value) return null;
  const str = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(str)) return str;
  const d = new Date(str);
  return Number.isNaN(d.getTime()) ? str.slice(0, 10) : isoDate(d);
}

/** Days since 1970 of an ISO date (UTC, no DST issues). */
export function dayNumber(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

export function daysBetween(fromIso, toIso) {
  return dayNumber(toIso) - dayNumber(fromIso);
}

export function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10);
}

/** Formats an ISO date ('YYYY-MM-DD') for display. */
export function formatDate(value, lang) {
  const iso = datePart(value);
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return value ? String(value) : '–';
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Compact numeric date for tables (dd-mm-yyyy / dd/mm/yyyy). */
export function formatShortDate(value, lang) {
  const iso = datePart(value);
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return value ? String(value) : '–';
  const [y, m, d] = iso.split('-');
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}-${m}-${y}`;
}

export function formatDateTime(value, lang) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatTime(value, lang) {
  const d = value ? new Date(value) : new Date();
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { timeStyle: 'medium' }).format(d);
}

export function formatNumber(value, lang, digits = 0) {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
    value,
  );
}

/** Shortened pseudonym for tables (the full one goes into the title attribute). */
export function shortPseudonym(p) {
  if (!p) return '–';
  return p.length > 10 ? `${p.slice(0, 8)}…` : p;
}
