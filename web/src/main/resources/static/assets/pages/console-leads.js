// 线索管理: tabs (全部 / 我的 / 未分配 / 已逾期) with their counts, filters and the sort kept in the address (so a list
// can be bookmarked or shared), paging, the phone revealed on request, CSV export.
import { h, show, setTitle, toast, label, timeAgo, duration, dateTime } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, explain, pagedRows } from '../lib/console.js';
import { STATUSES, TYPES, INDUSTRIES, sourceLabel } from '../lib/leads.js';
import { roster, revealButton } from '../lib/sales.js';

// [view, words, the list's query, the count's key in GET /api/admin/leads/counts]
const VIEWS = [
  ['all', '全部', {}, 'all'],
  ['mine', '我的', { assignee: 'me' }, 'mine'],
  ['unassigned', '未分配', { assignee: 'none' }, 'unassigned'],
  ['overdue', '已逾期', { overdue: 'true' }, 'overdue'],
];

const SORTS = [['', '最新'], ['score', '评分']];

const FILTERS = ['status', 'type', 'industry', 'assignee', 'source', 'sort', 'q'];

export async function render(main) {
  if (!requireRole(main, ['SALES'])) return;
  setTitle('线索管理');
  const query = Object.fromEntries(new URLSearchParams(location.search));
  const view = VIEWS.find(([key]) => key === query.view) || VIEWS[0];
  // Without the counts or the roster the list still works (a 401 is the list's to answer: sign in again).
  const [counts, team] = await Promise.all([
    api('/api/admin/leads/counts', { auth: true }).then((r) => r.data).catch(() => null),
    roster(),
  ]);

  const address = (changes) => {
    const params = new URLSearchParams(Object.entries({ ...query, ...changes }).filter(([, v]) => v));
    return `/console/leads${params.size ? `?${params}` : ''}`;
  };
  const tabs = h('nav', { class: 'tabs', 'aria-label': '线索视图' }, VIEWS.map(([key, words, , countKey]) => h('a', {
    href: address({ view: key === 'all' ? '' : key }), class: key === view[0] ? 'current' : null,
    'aria-current': key === view[0] ? 'page' : null, dataset: { view: key },
  }, words, counts && counts[countKey] !== undefined
    ? h('span', { class: 'tab-count', title: '未关闭的线索(新线索、已联系、已确认需求)' }, counts[countKey]) : null)));

  const select = (name, pairs, all, attrs = {}) => h('select', { name, id: `filter-${name}`, 'aria-label': all, ...attrs },
    all === null ? null : h('option', { value: '' }, all),
    pairs.map(([value, text]) => h('option', { value, selected: (query[name] || '') === value }, text)));
  // The tab decides the assignee in 我的 and 未分配.
  const assigneeFixed = Boolean(view[2].assignee);
  const sort = select('sort', SORTS, null, { 'aria-label': '排序' });
  const filters = h('form', { class: 'filters filters-leads', action: '/console/leads' },
    h('input', { type: 'hidden', name: 'view', value: view[0] === 'all' ? '' : view[0] }),
    select('status', STATUSES, '全部状态'), select('type', TYPES, '全部类型'), select('industry', INDUSTRIES, '全部行业'),
    assigneeFixed ? null : select('assignee', team.people.map((p) => [p.id, p.name]), '全部负责人'),
    h('input', { name: 'source', id: 'filter-source', placeholder: '来源(渠道或 CTA)', value: query.source || '', 'aria-label': '来源', maxlength: 500 }),
    h('input', { type: 'search', name: 'q', id: 'filter-q', placeholder: '搜索企业或联系人', value: query.q || '', 'aria-label': '搜索' }),
    sort,
    h('button', { type: 'submit', class: 'button' }, '筛选'),
    h('a', { class: 'button button-ghost', href: address(Object.fromEntries(FILTERS.map((f) => [f, '']))) }, '重置'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v !== ''));
    location.assign(`/console/leads${params.size ? `?${params}` : ''}`);
  });
  sort.addEventListener('change', () => filters.requestSubmit());

  const filter = {
    status: query.status, type: query.type, industry: query.industry, assignee: assigneeFixed ? undefined : query.assignee,
    source: query.source, sort: query.sort, q: query.q, ...view[2],
  };
  const exportButton = h('button', { type: 'button', class: 'button button-ghost', id: 'export' }, '导出 CSV');
  const { rows, status, more, load } = pagedRows(main, ['SALES'], {
    path: '/api/admin/leads', query: filter, empty: '没有符合条件的线索。', subject: '线索',
    row: (lead) => leadRow(lead, team),
  });

  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const { response } = await api('/api/admin/leads/export', { auth: true, query: filter, raw: true, headers: { Accept: 'text/csv' } });
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: `leads-${new Date().toISOString().slice(0, 10)}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      toast(explain(error, '线索'), 'error');
    } finally {
      exportButton.disabled = false;
    }
  });

  show(main,
    h('div', { class: 'console-head' }, h('h1', {}, '线索管理'),
      h('div', { class: 'console-actions' }, h('a', { class: 'button button-ghost', href: '/console/leads/stats' }, '转化漏斗'), exportButton)),
    tabs,
    filters,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'leads' },
      h('thead', {}, h('tr', {}, ['企业', '类型', '行业', '联系人', '联系方式', '来源', '评分', '状态', '负责人', '首次联系', '创建']
        .map((t) => h('th', { scope: 'col' }, t)))),
      rows)),
    status, more);
  await load();
}

function leadRow(lead, team) {
  const contact = h('td', { class: 'contact-cell' }, h('span', { class: 'mono' }, lead.contact?.phone || lead.contact?.email || '—'));
  if (lead.contact?.phone || lead.contact?.email) contact.append(revealButton(lead, contact));
  const source = lead.source;
  const detail = [source?.utm?.source ? source.cta : null, source?.page].filter(Boolean).join(' · ');
  return h('tr', { dataset: { id: lead.id }, class: lead.overdue ? 'overdue' : null },
    h('td', {}, h('a', { href: `/console/leads/${encodeURIComponent(lead.id)}` }, lead.company?.name || lead.contact?.name || '(未填写)')),
    h('td', {}, label(TYPES, lead.type)),
    h('td', {}, label(INDUSTRIES, lead.company?.industry)),
    h('td', {}, lead.contact?.name),
    contact,
    h('td', { class: 'source-cell', title: sourceTitle(source) }, h('span', {}, sourceLabel(source)),
      detail ? h('span', { class: 'muted small' }, detail) : null),
    h('td', { class: 'num' }, lead.score ?? '—'),
    h('td', {}, h('span', { class: `status status-${lead.status}` }, label(STATUSES, lead.status))),
    h('td', {}, team.name(lead.assignee) || h('span', { class: 'muted' }, '未分配')),
    h('td', { class: 'nowrap' }, firstContact(lead)),
    h('td', { class: 'nowrap' }, timeAgo(lead.createdAt)));
}

/** Overdue: how long since the first contact was due; else when it is due, or the next follow-up. */
function firstContact(lead) {
  if (lead.overdue && lead.firstContactDue) {
    return h('span', { class: 'overdue-badge', title: `应于 ${dateTime(lead.firstContactDue)}(北京时间)前首次联系` },
      `已逾期 ${duration(Date.now() - Date.parse(lead.firstContactDue))}`);
  }
  if (lead.status === 'NEW' && lead.firstContactDue) {
    return h('span', {}, '期限 ', timeAgo(lead.firstContactDue));
  }
  if (lead.nextFollowUpAt) return h('span', {}, '跟进 ', timeAgo(lead.nextFollowUpAt));
  return h('span', { class: 'muted' }, '—');
}

function sourceTitle(source) {
  if (!source) return '没有来源信息:直接访问或来源未知';
  const utm = source.utm || {};
  return [
    utm.source && `渠道 ${utm.source}`, utm.medium && `媒介 ${utm.medium}`, utm.campaign && `活动 ${utm.campaign}`,
    source.cta && `CTA ${source.cta}`, source.page && `页面 ${source.page}`, source.referrer && `来源网站 ${source.referrer}`,
    source.wechatScene && `微信场景 ${source.wechatScene}`,
  ].filter(Boolean).join('\n');
}
