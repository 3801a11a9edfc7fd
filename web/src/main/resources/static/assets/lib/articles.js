// How articles, hot lists and tags look wherever they appear.
import { h, relativeTime, count, date } from './dom.js';
import { api, ApiError } from './api.js';
import { sectionIndex } from './taxonomy.js';

let tree = [];

/** Gives the covers the taxonomy, so a drawn cover takes its section's colour. */
export function useTaxonomy(categories) {
  tree = categories || [];
}

export function articleUrl(article) {
  return `/articles/${encodeURIComponent(article.slug || article.id)}`;
}

/** A cover: the editor's image, or a drawn one in the colour of the article's section. */
export function cover(article, size = '') {
  const key = article.category?.key;
  if (article.coverImage) {
    return h('div', { class: `cover ${size}` }, h('img', { src: article.coverImage, alt: '', loading: 'lazy' }));
  }
  return h('div', { class: `cover cover-drawn tone-${sectionIndex(tree, key)} ${size}`, 'aria-hidden': 'true' },
    h('span', {}, article.category?.name || 'AI'));
}

export function categoryLink(category) {
  if (!category) return null;
  return h('a', { class: 'badge', href: `/category/${category.key}` }, category.name);
}

export function articleCard(article, { withCover = true, withSummary = true } = {}) {
  return h('article', { class: `article-card${withCover ? '' : ' no-cover'}` },
    withCover ? h('a', { href: articleUrl(article), tabindex: '-1', 'aria-hidden': 'true' }, cover(article)) : null,
    h('div', { class: 'article-card-body' },
      h('h3', {}, h('a', { href: articleUrl(article) }, article.title)),
      withSummary && article.summary ? h('p', { class: 'summary' }, article.summary) : null,
      h('div', { class: 'meta' },
        categoryLink(article.category),
        h('time', { datetime: article.publishedAt, title: date(article.publishedAt) }, relativeTime(article.publishedAt)),
        article.readingMinutes ? h('span', {}, `${article.readingMinutes} 分钟阅读`) : null)));
}

export function articleList(items, options) {
  if (!items || items.length === 0) return h('p', { class: 'muted' }, '暂无内容');
  return h('div', { class: 'article-list' }, items.map((a) => articleCard(a, options)));
}

/** 24小时热榜: rank, title, views in the window and when it was published. */
export function hotList(items, { title = '24小时热榜', note } = {}) {
  return h('section', { class: 'panel hot-list', 'aria-label': title },
    h('h2', { class: 'panel-title' }, h('span', { class: 'flame', 'aria-hidden': 'true' }), title),
    !items || items.length === 0
      ? h('p', { class: 'muted' }, note || '热榜暂时不可用,稍后再来看看。')
      : h('ol', {}, items.map((item) => h('li', { class: `rank-${item.rank}` },
        h('span', { class: 'rank' }, item.rank),
        h('div', {},
          h('a', { href: articleUrl(item.article) }, item.article.title),
          h('div', { class: 'meta' },
            h('span', { class: 'views' }, `${count(item.views)} 阅读`),
            h('time', { datetime: item.article.publishedAt }, relativeTime(item.article.publishedAt))))))));
}

export function tagCloud(tags, { title = '热门标签' } = {}) {
  return h('section', { class: 'panel tag-cloud', 'aria-label': title },
    h('h2', { class: 'panel-title' }, title),
    !tags || tags.length === 0 ? h('p', { class: 'muted' }, '暂无热门标签')
      : h('div', { class: 'tags' }, tags.map((t) => h('a', { class: 'tag', href: `/tags/${encodeURIComponent(t.tag)}` },
        `#${t.tag}`))));
}

export function tagLinks(tags) {
  return h('div', { class: 'tags' }, (tags || []).map((tag) => h('a', { class: 'tag', href: `/tags/${encodeURIComponent(tag)}` }, `#${tag}`)));
}

/**
 * A list of articles with a "加载更多" button that follows nextCursor; query is the /api/articles filter.
 */
export function pagedArticles(query, { empty = '暂无内容' } = {}) {
  const list = h('div', { class: 'article-list' });
  const more = h('button', { type: 'button', class: 'button button-ghost load-more', hidden: true }, '加载更多');
  const status = h('p', { class: 'muted', role: 'status' });
  let cursor = null;
  async function load() {
    more.disabled = true;
    try {
      const { data } = await api('/api/articles', { query: { ...query, limit: 12, cursor } });
      list.append(...data.items.map((a) => articleCard(a)));
      cursor = data.nextCursor;
      more.hidden = !cursor;
      status.textContent = list.children.length === 0 ? empty : '';
    } catch (error) {
      status.textContent = error instanceof ApiError && error.status === 400 ? '搜索条件有误。' : error.message;
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  const box = h('div', {}, list, status, more);
  box.ready = load();
  return box;
}
