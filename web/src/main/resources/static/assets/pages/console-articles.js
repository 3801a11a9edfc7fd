// 文章管理 for a newsroom: every article by status, searched by title and filtered by category, author and tag (all
// kept in the address, so a list can be bookmarked or shared), with each article's views (one call to
// ranking-service per page) and the 头条 switch.
import { h, show, setTitle, dateTime, label, timeAgo, count } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, pagedRows } from '../lib/console.js';
import { ARTICLE_STATUSES } from '../lib/editorial.js';
import { taxonomy } from '../lib/taxonomy.js';
import { featuredToggle } from '../lib/featured.js';

const FILTERS = ['status', 'q', 'category', 'author', 'tag'];

/** The taxonomy as select options: every group (which matches all its leaves) and leaf, indented by depth. */
function categoryOptions(tree, selected, depth = 0) {
  return tree.flatMap((node) => {
    const group = node.children?.length > 0;
    return [
      h('option', { value: node.key, selected: node.key === selected }, `${'\u3000'.repeat(depth)}${node.name}${group ? '(全部)' : ''}`),
      ...(group ? categoryOptions(node.children, selected, depth + 1) : []),
    ];
  });
}

/** The cover's smallest rendition (the library serves ?w=320 for its images), or the address as it is. */
function coverThumbnail(url) {
  const img = h('img', { class: 'list-cover', alt: '', loading: 'lazy', width: 64, height: 36, src: url.startsWith('/media/') ? `${url}?w=320` : url });
  // An image narrower than 320 pixels has no such rendition: then the image itself.
  img.addEventListener('error', () => {
    if (img.src.endsWith('?w=320')) img.src = url;
    else img.hidden = true;
  });
  return img;
}

export async function render(main) {
  if (!requireRole(main, ['EDITOR'])) return;
  setTitle('文章管理');
  const query = Object.fromEntries(new URLSearchParams(location.search));
  const filter = Object.fromEntries(FILTERS.map((name) => [name, (query[name] || '').trim()]));
  const tree = await taxonomy();

  const address = (changes) => {
    const params = new URLSearchParams(Object.entries({ ...filter, ...changes }).filter(([, v]) => v));
    return `/console/articles${params.size ? `?${params}` : ''}`;
  };
  const tabs = h('nav', { class: 'tabs', 'aria-label': '按状态' },
    [['', '全部'], ...ARTICLE_STATUSES].map(([key, name]) => h('a', {
      href: address({ status: key }), class: key === filter.status ? 'current' : null,
      'aria-current': key === filter.status ? 'page' : null, dataset: { status: key || 'all' },
    }, name)));

  const text = (name, words, attrs = {}) => h('input', { name, id: `filter-${name}`, value: filter[name], 'aria-label': words, placeholder: words, maxlength: 200, ...attrs });
  const filters = h('form', { class: 'filters filters-articles', action: '/console/articles', role: 'search', 'aria-label': '筛选文章' },
    h('input', { type: 'hidden', name: 'status', value: filter.status }),
    text('q', '搜索标题', { type: 'search' }),
    h('select', { name: 'category', id: 'filter-category', 'aria-label': '栏目' },
      h('option', { value: '' }, '全部栏目'), categoryOptions(tree, filter.category)),
    text('author', '作者'),
    text('tag', '标签'),
    h('button', { type: 'submit', class: 'button' }, '筛选'),
    h('a', { class: 'button button-ghost', href: address(Object.fromEntries(FILTERS.map((f) => [f, '']))) }, '重置'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams([...new FormData(filters)].map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
    location.assign(`/console/articles${params.size ? `?${params}` : ''}`);
  });

  // At most one 头条: switching one on switches the one before off.
  const toggles = new Map();
  const featuredChanged = (saved) => {
    if (!saved.featured) return;
    for (const [id, toggle] of toggles) if (id !== saved.id) toggle.set(false);
  };

  const row = (a) => {
    const toggle = featuredToggle(a, { changed: featuredChanged });
    toggles.set(a.id, toggle);
    return h('tr', { dataset: { id: a.id } },
      h('td', { class: 'title-cell' },
        a.coverImage ? coverThumbnail(a.coverImage) : h('span', { class: 'list-cover list-cover-none', 'aria-hidden': 'true' }),
        h('a', { href: `/console/articles/${encodeURIComponent(a.id)}` }, a.title)),
      h('td', {}, a.category?.name),
      h('td', {}, h('span', { class: `status status-${a.status}` }, label(ARTICLE_STATUSES, a.status)),
        a.status === 'SCHEDULED' && a.publishedAt
          ? h('time', { class: 'muted small scheduled-at', datetime: a.publishedAt, title: '计划发布时间(北京时间)' }, dateTime(a.publishedAt)) : null),
      h('td', { class: 'num views', dataset: { id: a.id } }, '…'),
      h('td', {}, a.lastEditor || h('span', { class: 'muted' }, '—')),
      h('td', { class: 'nowrap' }, timeAgo(a.updatedAt)),
      h('td', { class: 'featured-cell' }, toggle.button),
      h('td', {}, a.status === 'PUBLISHED' ? h('a', { href: `/articles/${a.slug}`, target: '_blank', rel: 'noopener', 'aria-label': `在网站上查看:${a.title}` }, '查看') : null));
  };

  const filtered = FILTERS.some((name) => filter[name]);
  const { rows, status, more, load } = pagedRows(main, ['EDITOR'], {
    path: '/api/admin/articles', query: filter, subject: '文章', row,
    empty: filtered ? '没有符合条件的文章。' : '这里还没有文章。',
    loaded: (items) => views(rows, items),
  });
  show(main,
    h('div', { class: 'console-head' }, h('h1', {}, '文章管理'), h('a', { class: 'button button-accent', href: '/console/articles/new', id: 'new-article' }, '新建文章')),
    tabs,
    filters,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'articles' },
      h('caption', { class: 'visually-hidden' }, '文章列表'),
      h('thead', {}, h('tr', {}, ['标题', '栏目', '状态', '阅读', '最后编辑', '更新时间', '头条', ''].map((t) => h('th', { scope: 'col' }, t)))), rows)),
    status, more);
  await load();
}

/** Each listed article's all-time views, in one call for the page; "–" while ranking-service cannot say. */
async function views(rows, items) {
  const ids = items.map((a) => a.id);
  if (ids.length === 0) return;
  const cells = (id) => rows.querySelectorAll(`td.views[data-id="${CSS.escape(id)}"]`);
  let counts = new Map();
  try {
    const { data } = await api('/api/views', { query: { ids: ids.join(',') } });
    counts = new Map(data.items.map((item) => [item.articleId, item.views]));
  } catch {
    // The list works without them.
  }
  for (const id of ids) {
    for (const cell of cells(id)) {
      const known = counts.has(id);
      cell.textContent = known ? count(counts.get(id)) : '–';
      cell.title = known ? `累计阅读 ${counts.get(id)} 次` : '阅读量暂时无法读取';
    }
  }
}
