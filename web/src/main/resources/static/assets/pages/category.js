// 栏目页: the taxonomy as navigation, and the section's articles newest first.
import { h, show, setTitle } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { pagedArticles, hotList } from '../lib/articles.js';

function find(tree, key, trail = []) {
  for (const node of tree) {
    if (node.key === key) return { node, trail: [...trail, node] };
    const found = find(node.children || [], key, [...trail, node]);
    if (found) return found;
  }
  return null;
}

export async function render(main, { key }) {
  const [{ data: tree }, hot] = await Promise.all([
    api('/api/categories'),
    api('/api/rankings/hot', { query: { category: key, limit: 10 } }).then((r) => r.data.items).catch(() => []),
  ]);
  const found = find(tree, key);
  if (!found) {
    const error = new Error('栏目不存在');
    error.status = 404;
    throw error;
  }
  const { node, trail } = found;
  const root = trail[0];
  setTitle(node.name);
  const list = pagedArticles({ category: key }, { empty: '这个栏目还没有文章。' });
  show(main,
    h('nav', { class: 'breadcrumb', 'aria-label': '位置' }, h('a', { href: '/' }, '首页'),
      trail.map((n) => [' / ', n === node ? h('span', {}, n.name) : h('a', { href: `/category/${n.key}` }, n.name)])),
    h('div', { class: 'layout' },
      h('div', { class: 'primary' },
        h('header', { class: 'page-head' }, h('h1', {}, node.name)),
        h('nav', { class: 'subnav', 'aria-label': `${root.name}栏目` },
          h('a', { href: `/category/${root.key}`, class: root === node ? 'current' : null }, '全部'),
          (root.children || []).map((child) => [
            h('a', { href: `/category/${child.key}`, class: child === node || trail.includes(child) ? 'current' : null }, child.name),
            ...(child.children || []).filter(() => trail.includes(child) || child === node)
              .map((leaf) => h('a', { href: `/category/${leaf.key}`, class: `leaf${leaf === node ? ' current' : ''}` }, leaf.name)),
          ])),
        list),
      h('aside', { class: 'secondary' }, hotList(hot, { title: `${node.name} · 24小时热榜`, note: '这个栏目今天还没有热门文章。' }))));
  await list.ready;
}
