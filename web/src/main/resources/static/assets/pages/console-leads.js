// 线索管理: filters kept in the address (so a filtered list can be bookmarked or shared), paging, CSV export.
import { h, show, setTitle, dateTime, toast, label } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, explain, pagedRows } from '../lib/console.js';
import { STATUSES, TYPES, INDUSTRIES } from '../lib/leads.js';

export async function render(main) {
  if (!requireRole(main, ['SALES'])) return;
  setTitle('线索管理');
  const query = Object.fromEntries(new URLSearchParams(location.search));
  const select = (name, pairs, all) => h('select', { name, id: `filter-${name}` }, h('option', { value: '' }, all),
    pairs.map(([value, text]) => h('option', { value, selected: query[name] === value }, text)));
  const filters = h('form', { class: 'filters', action: '/console/leads' },
    select('status', STATUSES, '全部状态'), select('type', TYPES, '全部来源'), select('industry', INDUSTRIES, '全部行业'),
    h('input', { name: 'assignee', id: 'filter-assignee', placeholder: '负责人', value: query.assignee || '', 'aria-label': '负责人' }),
    h('input', { type: 'search', name: 'q', id: 'filter-q', placeholder: '搜索企业或联系人', value: query.q || '', 'aria-label': '搜索' }),
    h('button', { type: 'submit', class: 'button' }, '筛选'),
    h('a', { class: 'button button-ghost', href: '/console/leads' }, '重置'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v !== ''));
    location.assign(`/console/leads${params.size ? `?${params}` : ''}`);
  });
  const exportButton = h('button', { type: 'button', class: 'button button-ghost', id: 'export' }, '导出 CSV');
  const filter = { status: query.status, type: query.type, industry: query.industry, assignee: query.assignee, q: query.q };
  const { rows, status, more, load } = pagedRows(main, ['SALES'], {
    path: '/api/admin/leads', query: filter, empty: '没有符合条件的线索。', subject: '线索',
    row: (lead) => h('tr', { dataset: { id: lead.id } },
      h('td', {}, h('a', { href: `/console/leads/${lead.id}` }, lead.company?.name || lead.contact?.name || '(未填写)')),
      h('td', {}, label(TYPES, lead.type)),
      h('td', {}, label(INDUSTRIES, lead.company?.industry)),
      h('td', {}, lead.contact?.name), h('td', { class: 'mono' }, lead.contact?.phone || lead.contact?.email || '—'),
      h('td', { class: 'num' }, lead.score ?? '—'),
      h('td', {}, h('span', { class: `status status-${lead.status}` }, label(STATUSES, lead.status))),
      h('td', {}, lead.assignee || h('span', { class: 'muted' }, '未分配')),
      h('td', { class: 'nowrap' }, dateTime(lead.createdAt))),
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
    h('div', { class: 'console-head' }, h('h1', {}, '线索管理'), exportButton),
    filters,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'leads' },
      h('thead', {}, h('tr', {}, ['企业', '来源', '行业', '联系人', '联系方式', '评分', '状态', '负责人', '创建时间'].map((t) => h('th', {}, t)))),
      rows)),
    status, more);
  await load();
}
