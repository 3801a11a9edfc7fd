// 文章管理: every article by status, newest first.
import { h, show, setTitle, dateTime, label } from '../lib/dom.js';
import { requireRole, pagedRows } from '../lib/console.js';
import { ARTICLE_STATUSES } from '../lib/editorial.js';

export async function render(main) {
  if (!requireRole(main, ['EDITOR'])) return;
  setTitle('文章管理');
  const current = new URLSearchParams(location.search).get('status') || '';
  const { rows, status, more, load } = pagedRows(main, ['EDITOR'], {
    path: '/api/admin/articles', query: { status: current }, empty: '这里还没有文章。', subject: '文章',
    row: (a) => h('tr', { dataset: { id: a.id } },
      h('td', {}, h('a', { href: `/console/articles/${a.id}` }, a.title)),
      h('td', {}, a.category?.name),
      h('td', {}, h('span', { class: `status status-${a.status}` }, label(ARTICLE_STATUSES, a.status))),
      h('td', { class: 'nowrap' }, a.publishedAt ? dateTime(a.publishedAt) : '—'),
      h('td', { class: 'nowrap' }, dateTime(a.updatedAt)),
      h('td', {}, a.status === 'PUBLISHED' ? h('a', { href: `/articles/${a.slug}`, target: '_blank' }, '查看') : null)),
  });
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
