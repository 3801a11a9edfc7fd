// 标签页
import { h, show, setTitle } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { pagedArticles, tagCloud } from '../lib/articles.js';

export async function render(main, { tag }) {
  setTitle(`#${tag}`);
  const list = pagedArticles({ tag }, { empty: '这个标签下还没有文章。' });
  const tags = await api('/api/rankings/tags', { query: { limit: 20 } }).then((r) => r.data).catch(() => []);
  show(main,
    h('nav', { class: 'breadcrumb', 'aria-label': '位置' }, h('a', { href: '/' }, '首页'), ' / 标签'),
    h('div', { class: 'layout' },
      h('div', { class: 'primary' }, h('header', { class: 'page-head' }, h('h1', {}, `#${tag}`), h('p', { class: 'muted' }, '与该标签相关的文章')), list),
      h('aside', { class: 'secondary' }, tagCloud(tags))));
  await list.ready;
}
