// 文章页: the article, its sources and tags, related reading, and the hot list beside it. One view per visit.
import { h, show, setTitle, date, dateTime, count } from '../lib/dom.js';
import { api, visitorId } from '../lib/api.js';
import { articleCard, categoryLink, hotList, tagLinks, cover } from '../lib/articles.js';
import { diagnosisCta } from '../lib/sidebar.js';

export async function render(main, { slug }) {
  const { data: page } = await api(`/api/pages/article/${encodeURIComponent(slug)}`);
  const { article } = page;
  setTitle(article.title);
  const views = h('span', { class: 'views', id: 'article-views', dataset: { views: page.views ?? '' } },
    page.views === null || page.views === undefined ? '' : `${count(page.views)} 阅读`);
  const body = h('div', { class: 'article-body' });
  // Sanitised by article-service when it was saved (no scripts, handlers or javascript: links), and the page's
  // Content-Security-Policy runs no inline script either.
  body.innerHTML = article.body;
  show(main,
    h('nav', { class: 'breadcrumb', 'aria-label': '位置' }, h('a', { href: '/' }, '首页'), ' / ',
      h('a', { href: `/category/${article.category.key}` }, article.category.name)),
    h('div', { class: 'layout' },
      h('article', { class: 'primary article-page' },
        h('header', {},
          h('h1', {}, article.title),
          h('div', { class: 'meta article-meta' },
            categoryLink(article.category),
            h('time', { datetime: article.publishedAt, title: dateTime(article.publishedAt) }, date(article.publishedAt)),
            article.author?.name ? h('span', {}, article.author.name) : null,
            h('span', {}, `${article.readingMinutes} 分钟阅读`),
            views)),
        article.coverImage ? cover(article, 'cover-large') : null,
        article.summary ? h('p', { class: 'article-summary' }, article.summary) : null,
        body,
        article.sources?.length ? h('section', { class: 'sources' }, h('h2', {}, '信息来源'),
          h('ul', {}, article.sources.map((s) => h('li', {}, h('a', { href: s.url, rel: 'noopener nofollow', target: '_blank' }, s.name))))) : null,
        article.tags?.length ? h('section', { class: 'article-tags' }, h('h2', { class: 'visually-hidden' }, '标签'), tagLinks(article.tags)) : null,
        page.related?.length ? h('section', { class: 'related' }, h('h2', {}, '相关阅读'),
          h('div', { class: 'article-list compact' }, page.related.slice(0, 4).map((a) => articleCard(a, { withCover: false })))) : null),
      h('aside', { class: 'secondary' }, hotList(page.hot), diagnosisCta(null))));
  recordView(article.id, views);
}

/** Counts this visit (the API counts a visitor once per article per half hour) and shows the new total. */
async function recordView(articleId, views) {
  try {
    const { data } = await api('/api/views', { method: 'POST', body: { articleId }, headers: { 'X-Visitor-Id': visitorId() } });
    views.textContent = `${count(data.views)} 阅读`;
    views.dataset.views = data.views;
    views.dataset.counted = data.counted;
  } catch {
    // A view that cannot be recorded is not the reader's problem.
  }
}
