// 首页: the news of each AI 资讯 section, the 24-hour hot list, hot tags and the ways to stay in touch.
import { h, show, setTitle } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { taxonomy, firstGroupLeaves } from '../lib/taxonomy.js';
import { articleCard, articleUrl, cover, categoryLink, hotList, tagCloud } from '../lib/articles.js';
import { diagnosisCta, wechatFollow, newsletterForm } from '../lib/sidebar.js';

export async function render(main) {
  setTitle(null);
  const [{ data: home }, tree] = await Promise.all([api('/api/pages/home'), taxonomy()]);
  const newest = Object.values(home.latest || {}).flat()
    .sort((a, b) => (b.publishedAt || '').localeCompare(a.publishedAt || ''));
  const lead = newest[0];
  show(main,
    h('div', { class: 'layout' },
      h('div', { class: 'primary' },
        lead ? h('section', { class: 'headline', 'aria-label': '头条' },
          h('a', { href: articleUrl(lead), class: 'headline-cover', tabindex: '-1', 'aria-hidden': 'true' }, cover(lead, 'cover-large')),
          h('div', { class: 'headline-text' },
            h('span', { class: 'kicker' }, '头条'),
            h('h1', {}, h('a', { href: articleUrl(lead) }, lead.title)),
            h('p', {}, lead.summary),
            h('div', { class: 'meta' }, categoryLink(lead.category)))) : null,
        firstGroupLeaves(tree).map(([key, name]) => h('section', { class: 'section', id: `latest-${key}` },
          h('div', { class: 'section-head' },
            h('h2', {}, name),
            h('a', { href: `/category/${key}`, class: 'more' }, '更多 ›')),
          (home.latest?.[key] || []).length === 0
            ? h('p', { class: 'muted' }, '暂无内容')
            : h('div', { class: 'article-list' }, home.latest[key].slice(0, 4).map((a, i) => articleCard(a, { withCover: i === 0, withSummary: i === 0 })))))),
      h('aside', { class: 'secondary' },
        hotList(home.hot),
        diagnosisCta(home.diagnosisCompleted),
        tagCloud(home.hotTags),
        wechatFollow(),
        newsletterForm({ compact: true }))));
}
