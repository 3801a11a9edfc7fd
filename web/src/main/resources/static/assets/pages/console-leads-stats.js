// 转化漏斗: where leads come from and how far they get, from GET /api/admin/leads/stats?from=&to= (the range kept in the
// address). Each chart is drawn by ECharts (the WebJar the site serves under /webjars) and has a caption and its data
// as a table beside it (<details>): what a screen reader reads, and what stays when the charts cannot be drawn.
import { h, show, setTitle, count, label } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, explain, signInAgainOn401 } from '../lib/console.js';
import { STATUSES, INDUSTRIES } from '../lib/leads.js';

// The version is the one web/pom.xml depends on: the path changes with it (and is cached for a year).
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

// The funnel's stages in order; LOST leaves it at any of them.
const STAGES = ['NEW', 'CONTACTED', 'QUALIFIED', 'WON'];

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** "2026-11-30" (a Monday, Beijing) → "11-30 周" */
const weekLabel = (week) => `${week.slice(5)} 周`;

/** A date in Beijing time as a date field's value: "2026-12-03". */
const beijingDate = (time) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);

export async function render(main) {
  if (!requireRole(main, ['SALES'])) return;
  setTitle('转化漏斗');
  const query = Object.fromEntries(new URLSearchParams(location.search));
  // The API's default range is the last 12 weeks; the fields show it once it has answered. The page's "到" is the last
  // day counted, the API's to the first day not counted.
  let stats;
  try {
    ({ data: stats } = await api('/api/admin/leads/stats', { auth: true, query: { from: query.from, to: dayAfter(query.to) } }));
  } catch (error) {
    if (signInAgainOn401(main, ['SALES'], error)) return;
    show(main, head(query), h('p', { class: 'notice notice-error', role: 'alert' }, explain(error, '统计')));
    return;
  }
  const figures = [weeklyFigure(stats), funnelFigure(stats), winRateFigure(stats), industryFigure(stats)];
  show(main, head({ from: query.from || dateOf(stats.from), to: query.to || dateOf(stats.to, -1) }),
    h('div', { class: 'stat-cards' },
      card('线索', count(sum(Object.values(stats.byStatus || {}))), '所选时间内新增'),
      card('成交', count(stats.byStatus?.WON ?? 0), '其中已成交'),
      card('首次联系用时(中位数)', stats.medianMinutesToFirstContact === null || stats.medianMinutesToFirstContact === undefined
        ? '—' : minutes(stats.medianMinutesToFirstContact), '从创建到第一次跟进', 'median-first-contact')),
    h('div', { class: 'stat-grid' }, figures.map((f) => f.figure)));
  let echarts;
  try {
    echarts = await import(ECHARTS);
  } catch (error) {
    console.error(error);
    main.append(h('p', { class: 'notice notice-error', role: 'alert' }, '图表组件加载失败,已展开数据表。'));
    figures.forEach((f) => { f.table.open = true; });
    return;
  }
  for (const { chart, option } of figures) {
    if (!option) continue;
    const instance = echarts.init(chart, null, { renderer: 'svg' });
    // The page's own font (ECharts measures text with it: 'inherit' would measure wrong).
    instance.setOption({ textStyle: { fontFamily: getComputedStyle(chart).fontFamily }, animation: false, ...option });
    new ResizeObserver(() => instance.resize()).observe(chart);
  }
}

function head({ from, to }) {
  const today = Date.now();
  const form = h('form', { class: 'filters stat-range', action: '/console/leads/stats' },
    h('label', {}, '从 ', h('input', { type: 'date', name: 'from', id: 'stats-from', value: from || beijingDate(today - 83 * 86_400_000) })),
    h('label', {}, '到 ', h('input', { type: 'date', name: 'to', id: 'stats-to', value: to || beijingDate(today) })),
    h('button', { type: 'submit', class: 'button' }, '查看'),
    h('a', { class: 'button button-ghost', href: '/console/leads/stats' }, '最近 12 周'));
  return [
    h('nav', { class: 'breadcrumb' }, h('a', { href: '/console/leads' }, '线索管理'), ' / 转化漏斗'),
    h('div', { class: 'console-head' }, h('h1', {}, '转化漏斗')),
    form,
  ];
}

const sum = (values) => values.reduce((n, v) => n + (Number(v) || 0), 0);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Beijing date of an instant (or a date), moved by ms: the API's exclusive end, less 1 ms, is the last day. */
const dateOf = (value, ms = 0) => (value ? beijingDate(Date.parse(DATE.test(value) ? `${value}T00:00:00+08:00` : value) + ms) : '');

/** "2026-11-30" → "2026-12-01"; anything else as it is. */
const dayAfter = (value) => (DATE.test(value || '') ? new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : value);

/** 135 → "2 小时 15 分钟"; 3000 → "2 天 2 小时" (the units of the lists' times, one more for precision). */
function minutes(n) {
  const total = Math.round(n);
  if (total < 1) return '不到 1 分钟';
  if (total < 60) return `${total} 分钟`;
  if (total < 48 * 60) return `${Math.floor(total / 60)} 小时${total % 60 ? ` ${total % 60} 分钟` : ''}`;
  const hours = Math.floor(total / 60) % 24;
  return `${Math.floor(total / 1440)} 天${hours ? ` ${hours} 小时` : ''}`;
}

function card(title, value, note, id) {
  return h('div', { class: 'panel stat-card' }, h('h2', {}, title), h('p', { class: 'stat-value', id }, value), h('p', { class: 'muted small' }, note));
}

/** A chart with its caption, and its numbers in a table beneath (closed unless the chart cannot be drawn). */
function figure(id, caption, summary, columns, rows, option) {
  const chart = h('div', { class: 'chart', id: `chart-${id}`, role: 'img', 'aria-label': `${caption}:${summary}` });
  const table = h('details', { class: 'chart-data' }, h('summary', {}, '查看数据表'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.length ? rows.map((r) => h('tr', {}, r.map((v, i) => (i === 0 ? h('th', { scope: 'row' }, v) : h('td', { class: 'num' }, v)))))
        : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, '暂无数据'))))));
  return {
    chart, table, option: rows.length ? option : null,
    figure: h('figure', { class: 'panel stat-figure', id: `figure-${id}` }, h('figcaption', { class: 'panel-title' }, caption),
      rows.length ? chart : h('p', { class: 'muted' }, '所选时间内没有线索。'), table),
  };
}

function weeklyFigure(stats) {
  const weeks = stats.perWeek || [];
  const sources = [...new Set(weeks.flatMap((w) => Object.keys(w.bySource || {})))];
  const rows = weeks.map((w) => [weekLabel(w.week), ...sources.map((s) => w.bySource?.[s] ?? 0), w.created ?? 0, w.won ?? 0]);
  return figure('weekly', '每周新增线索(按来源)与成交', `${weeks.length} 周,共 ${sum(weeks.map((w) => w.created))} 条线索、${sum(weeks.map((w) => w.won))} 单成交`,
    ['周(周一起)', ...sources, '新增合计', '成交'], rows, {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 40, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: weeks.map((w) => weekLabel(w.week)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...sources.map((s) => ({ name: s, type: 'bar', stack: 'leads', data: weeks.map((w) => w.bySource?.[s] ?? 0) })),
        { name: '成交', type: 'line', data: weeks.map((w) => w.won ?? 0), symbolSize: 8, lineStyle: { width: 3 }, z: 10 },
      ],
    });
}

function funnelFigure(stats) {
  const byStatus = stats.byStatus || {};
  const total = sum(Object.values(byStatus));
  // A lead at a stage has passed every earlier one: "reached" counts it at each (LOST only in the total).
  const reached = STAGES.map((s, i) => [s, i === 0 ? total : sum(STAGES.slice(i).map((later) => byStatus[later] || 0))]);
  const rows = total ? [...reached.map(([s, n]) => [label(STATUSES, s), byStatus[s] || 0, n]), [label(STATUSES, 'LOST'), byStatus.LOST || 0, '—']] : [];
  const words = (s) => (s === 'NEW' ? '全部线索' : `${label(STATUSES, s)}及以后`);
  return figure('funnel', '线索状态漏斗', reached.map(([s, n]) => `${words(s)} ${n}`).join(','),
    ['状态', '当前数量', '到达该阶段'], rows, {
      tooltip: { trigger: 'item', formatter: '{b}:{c}' },
      series: [{
        // Labels beside the stages: inside, the narrow ones would not hold them.
        type: 'funnel', sort: 'none', left: '5%', width: '55%', minSize: '10%', gap: 2,
        label: { show: true, position: 'right', formatter: '{b} {c}', color: '#1c2330' },
        data: reached.map(([s, n]) => ({ name: words(s), value: n })),
      }],
    });
}

function winRateFigure(stats) {
  const sources = [...(stats.bySource || [])].sort((a, b) => (b.created || 0) - (a.created || 0));
  return figure('win-rate', '各来源成交率', sources.map((s) => `${s.source} ${percent(s.winRate)}`).join(','),
    ['来源', '线索', '成交', '成交率'], sources.map((s) => [s.source, s.created ?? 0, s.won ?? 0, percent(s.winRate)]), {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
      grid: { left: 120, right: 40, top: 16, bottom: 24 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: sources.map((s) => s.source) },
      series: [{ type: 'bar', name: '成交率', data: sources.map((s) => Math.round((s.winRate || 0) * 1000) / 10), label: { show: true, position: 'right', formatter: '{c}%' } }],
    });
}

// Contact leads name no industry: leads-service counts them as "unknown".
const industryName = (key) => label([...INDUSTRIES, ['unknown', '未填写']], key);

function industryFigure(stats) {
  const industries = Object.entries(stats.byIndustry || {}).sort(([, a], [, b]) => b - a);
  return figure('industry', '各行业线索', industries.map(([k, n]) => `${industryName(k)} ${n}`).join(','),
    ['行业', '线索'], industries.map(([k, n]) => [industryName(k), n]), {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 40, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: industries.map(([k]) => industryName(k)) },
      series: [{ type: 'bar', name: '线索', data: industries.map(([, n]) => n), label: { show: true, position: 'right' } }],
    });
}
