// An article as the site shows it (site/src/main/jte/pages/article.jte: the same elements and classes, the site's own
// stylesheet), drawn in a sandboxed frame: the editor's unsaved HTML may hold anything, and nothing in it runs there
// (no allow-scripts), nor can it reach this page.

const escapeMap = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => escapeMap[c]);

/** "2026年3月4日" in Beijing, as the site writes dates. */
export function siteDate(iso) {
  const date = iso ? new Date(iso) : new Date();
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** Minutes to read, counted as article-service counts them: 400 Chinese characters or 200 other words a minute. */
export function readingMinutes(html) {
  const text = new DOMParser().parseFromString(html || '', 'text/html').body.textContent || '';
  const chinese = (text.match(/\p{Script=Han}/gu) || []).length;
  const words = text.replace(/\p{Script=Han}/gu, ' ').split(/[^\p{L}\p{N}']+/u).filter(Boolean).length;
  return Math.max(1, Math.ceil(chinese / 400 + words / 200));
}

/**
 * The page's HTML for an article-like {title, summary, body, coverImage, category: {name}, author: {name},
 * publishedAt, tags, sources}.
 */
export function articleDocument(article) {
  const category = article.category?.name ? `<a class="badge" href="#">${esc(article.category.name)}</a>` : '';
  const author = article.author?.name ? `<span class="author">原作者:${esc(article.author.name)}</span>` : '';
  const sources = (article.sources || []).filter((s) => s.name || s.url);
  const tags = article.tags || [];
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><base href="${esc(location.origin)}/" target="_blank">
<link rel="stylesheet" href="/assets/site.css"><style>body { min-height: 0; padding: 16px 0; }</style></head>
<body><main class="container"><article class="primary article-page">
<header><h1>${esc(article.title || '(无标题)')}</h1>
<div class="meta article-meta">${category}<time>${esc(siteDate(article.publishedAt))}</time>${author}<span>${readingMinutes(article.body)} 分钟阅读</span></div></header>
${article.coverImage ? `<div class="cover cover-large"><img src="${esc(article.coverImage)}" alt="" width="1200" height="675"></div>` : ''}
${article.summary ? `<p class="article-summary">${esc(article.summary)}</p>` : ''}
<div class="article-body">${article.body || ''}</div>
${sources.length ? `<section class="sources"><h2>信息来源</h2><ul>${sources.map((s) => `<li><a href="${esc(s.url)}">${esc(s.name || s.url)}</a></li>`).join('')}</ul></section>` : ''}
${tags.length ? `<section class="article-tags"><div class="tags">${tags.map((t) => `<a class="tag" href="#">#${esc(t)}</a>`).join('')}</div></section>` : ''}
</article></main></body></html>`;
}

/** Shows the article in the frame, which grows to its content's height once drawn. */
export function showArticle(frame, article) {
  frame.addEventListener('load', () => {
    // allow-same-origin (without allow-scripts) lets this page measure the frame; the frame still runs nothing.
    const height = frame.contentDocument?.documentElement?.scrollHeight;
    if (height) frame.style.height = `${Math.min(height + 8, 4000)}px`;
  }, { once: true });
  frame.srcdoc = articleDocument(article);
}
