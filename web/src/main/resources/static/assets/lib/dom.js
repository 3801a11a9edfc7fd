// Building the page from data. Text always goes in as text (never as HTML), so nothing a user typed can run here.

/** h('a', {href: '/x', class: 'y', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what el shows. */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** 2026-03-05 08:00 in China's time zone: the readers' calendar, whatever the browser's zone. */
export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso)).replaceAll('/', '-');
}

const MINUTE = 60_000;

/** A length of time in one unit, rounded down: "45 分钟", "2 小时" (under two days), "3 天". */
export function duration(ms) {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / MINUTE));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
}

/** "刚刚", "3 分钟前", "2 天前", "3 小时后"; a month or more away, the date. */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) return '';
  const ms = now - Date.parse(iso);
  if (Math.abs(ms) < MINUTE) return '刚刚';
  if (Math.abs(ms) >= 30 * 24 * 60 * MINUTE) return dateTime(iso).slice(0, 10);
  return `${duration(ms)}${ms > 0 ? '前' : '后'}`;
}

/** A <time> that says how long ago (or ahead), with the exact Beijing time in its tooltip. */
export function timeAgo(iso, attrs = {}) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: `${dateTime(iso)}(北京时间)`, ...attrs }, relativeTime(iso));
}

// China keeps UTC+8 all year (no summer time since 1991): a datetime-local field holds Beijing wall time.
const BEIJING = 8 * 60 * MINUTE;

/** An instant as a datetime-local value in Beijing time: "2026-03-05T16:00". */
export function beijingInput(iso) {
  return iso ? new Date(Date.parse(iso) + BEIJING).toISOString().slice(0, 16) : '';
}

/** A datetime-local value read as Beijing time, as the API's ISO UTC instant ("2026-03-05T08:00:00Z"), or null. */
export function fromBeijingInput(value) {
  const time = value ? Date.parse(`${value.length === 16 ? `${value}:00` : value}+08:00`) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

/** 1234 → "1,234"; 12345 → "1.2万" */
export function count(n) {
  if (n === null || n === undefined) return '–';
  if (n >= 10_000) return `${(n / 10_000).toFixed(n >= 100_000 ? 0 : 1)}万`;
  return n.toLocaleString('zh-CN');
}

/** The words for a key in a list of [key, words] pairs (statuses, industries...), or the key itself. */
export const label = (pairs, key) => (pairs.find(([k]) => k === key) || [key, key ?? '—'])[1];

export function setTitle(title) {
  document.title = title ? `${title} · AccessPath` : 'AccessPath · AI 资讯';
}

/**
 * Shows a native modal <dialog>: the page behind is inert and Esc closes it. Closed, it is removed, the focus goes back
 * where it was, and closed() is called.
 */
export function openModal(dialog, closed) {
  const opener = document.activeElement;
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement) opener.focus();
    closed();
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** A short notice at the top of the page (saved, failed...). */
export function toast(message, kind = 'info') {
  const box = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  document.body.append(box);
  setTimeout(() => box.remove(), 4000);
}
