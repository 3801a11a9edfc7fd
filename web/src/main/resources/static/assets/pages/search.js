// 搜索: Chinese and English words in titles, summaries and bodies (the API segments Chinese).
import { h, show, setTitle, param } from '../lib/dom.js';
import { pagedArticles } from '../lib/articles.js';

export async function render(main) {
  const q = (param('q') || '').trim();
  setTitle(q ? `搜索:${q}` : '搜索');
  const form = h('form', { class: 'search-page-form', action: '/search', role: 'search' },
    h('input', { type: 'search', name: 'q', value: q, placeholder: '输入关键词,例如:大模型、芯片、金融', 'aria-label': '搜索关键词', autofocus: true }),
    h('button', { type: 'submit', class: 'button' }, '搜索'));
  if (!q) {
    show(main, h('header', { class: 'page-head' }, h('h1', {}, '搜索')), form,
      h('p', { class: 'muted' }, '搜索标题、摘要和正文中的中英文词语。'));
    return;
  }
  const list = pagedArticles({ q }, { empty: `没有找到与“${q}”相关的文章,换个关键词试试。` });
  show(main, h('header', { class: 'page-head' }, h('h1', {}, '搜索结果'), h('p', { class: 'muted' }, `关键词:${q}`)), form,
    h('div', { class: 'search-results' }, list));
  await list.ready;
}
