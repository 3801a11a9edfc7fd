// One shell for every page: the path picks the page's module (the gateway serves the same HTML for all of them).
import { h, show, setTitle } from './lib/dom.js';
import { siteFrame, consoleFrame } from './lib/layout.js';
import { taxonomy } from './lib/taxonomy.js';
import { useTaxonomy } from './lib/articles.js';

const ROUTES = [
  ['/', 'home'],
  ['/category/:key', 'category'],
  ['/tags/:tag', 'tag'],
  ['/search', 'search'],
  ['/articles/:slug', 'article'],
  ['/diagnosis', 'diagnosis'],
  ['/diagnosis/report/:id', 'report'],
  ['/subscribe', 'subscribe'],
  ['/subscriptions/confirm', 'subscription-confirm'],
  ['/subscriptions/preferences', 'subscription-preferences'],
  ['/subscriptions/unsubscribe', 'subscription-unsubscribe'],
  ['/privacy', 'legal'],
  ['/terms', 'legal'],
  ['/console', 'console-home', 'console'],
  ['/console/leads', 'console-leads', 'console'],
  ['/console/leads/:id', 'console-lead', 'console'],
  ['/console/articles', 'console-articles', 'console'],
  ['/console/articles/new', 'console-article', 'console'],
  ['/console/articles/:id', 'console-article', 'console'],
  ['/console/site', 'console-site', 'console'],
  ['/console/site/pages/:slug', 'console-site', 'console'],
];

function match(path) {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  for (const [pattern, page, frame] of ROUTES) {
    const want = pattern === '/' ? [] : pattern.split('/').slice(1);
    if (path === '/' && pattern !== '/') continue;
    if (path !== '/' && want.length !== parts.length) continue;
    const params = {};
    const ok = want.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { page, frame, params };
  }
  return null;
}

async function start() {
  const route = match(location.pathname);
  const tree = await taxonomy();
  useTaxonomy(tree);
  const main = route?.frame === 'console' ? consoleFrame() : siteFrame(tree);
  if (!route) {
    setTitle('页面不存在');
    show(main, h('section', { class: 'empty-state' }, h('h1', {}, '页面不存在'), h('p', {}, '链接可能已失效。'),
      h('a', { class: 'button', href: '/' }, '回到首页')));
    return;
  }
  try {
    const module = await import(`./pages/${route.page}.js`);
    await module.render(main, route.params);
  } catch (error) {
    console.error(error);
    show(main, h('section', { class: 'empty-state' }, h('h1', {}, '页面加载失败'),
      h('p', {}, error?.status === 404 ? '内容不存在或已下线。' : (error?.message || '请稍后刷新重试。')),
      h('a', { class: 'button', href: '/' }, '回到首页')));
  } finally {
    document.getElementById('app').removeAttribute('aria-busy');
    document.body.dataset.page = route.page;
  }
}

start();
