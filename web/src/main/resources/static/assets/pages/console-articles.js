// 文章管理: every article by status, newest first.
import { h, show, setTitle, dateTime } from '../lib/dom.js';
import { api, session } from '../lib/api.js';
import { requireRole, explain } from '../lib/console.js';
import { ARTICLE_STATUSES } from '../lib/editorial.js';
import { label } from '../lib/leads.js';

export async function render(main) {
  if (!requireRole(main, ['EDITOR'])) return;
  setTitle('文章管理');
  const current = new URLSearchParams(location.search).get('status') || '';
  const rows = h('tbody', {});
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'button button-ghost', hidden: true }, '加载更多');
  let cursor = null;
  async function load() {
    more.disabled = true;
    try {
      const { data } = await api('/api/admin/articles', { auth: true, query: { status: current, limit: 20, cursor } });
      rows.append(...data.items.map((a) => h('tr', { dataset: { id: a.id } },
        h('td', {}, h('a', { href: `/console/articles/${a.id}` }, a.title)),
        h('td', {}, a.category?.name),
        h('td', {}, h('span', { class: `status status-${a.status}` }, label(ARTICLE_STATUSES, a.status))),
        h('td', { class: 'nowrap' }, a.publishedAt ? dateTime(a.publishedAt) : '—'),
        h('td', { class: 'nowrap' }, dateTime(a.updatedAt)),
        h('td', {}, a.status === 'PUBLISHED' ? h('a', { href: `/articles/${a.slug}`, target: '_blank' }, '查看') : null))));
      cursor = data.nextCursor;
      more.hidden = !cursor;
      status.textContent = rows.children.length === 0 ? '这里还没有文章。' : '';
    } catch (error) {
      if (error.status === 401) {
        session.signOut();
        requireRole(main, ['EDITOR'], { expired: true });
        return;
      }
      status.textContent = explain(error, '文章');
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  show(main,
    h('div', { class: 'console-head' }, h('h1', {}, '文章管理'), h('a', { class: 'button button-accent', href: '/console/articles/new', id: 'new-article' }, '新建文章')),
    h('nav', { class: 'tabs', 'aria-label': '按状态' },
      [['', '全部'], ...ARTICLE_STATUSES].map(([key, name]) => h('a', {
        href: key ? `/console/articles?status=${key}` : '/console/articles', class: key === current ? 'current' : null,
      }, name))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'articles' },
      h('thead', {}, h('tr', {}, ['标题', '栏目', '状态', '发布时间', '更新时间', ''].map((t) => h('th', {}, t)))), rows)),
    status, more);
  await load();
}
