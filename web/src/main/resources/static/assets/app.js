// The consoles' shell (/console/**, static app.html): the path picks the page's module. The public site is rendered
// by the server and enhanced by site.js; nothing here serves it.
import { h, show, setTitle } from './lib/dom.js';
import { consoleFrame } from './lib/layout.js';

// [path, page module, frame]: every route here is a console's. The first that matches wins (stats before :id).
const ROUTES = [
  ['/console', 'console-home', 'console'],
  ['/console/leads', 'console-leads', 'console'],
  ['/console/leads/stats', 'console-leads-stats', 'console'],
  ['/console/leads/:id', 'console-lead', 'console'],
  ['/console/articles', 'console-articles', 'console'],
  ['/console/articles/new', 'console-article', 'console'],
  ['/console/articles/:id', 'console-article', 'console'],
  ['/console/newsletter', 'console-newsletter', 'console'],
  ['/console/newsletter/digests/:id', 'console-newsletter-digest', 'console'],
  ['/console/site', 'console-site', 'console'],
  ['/console/site/pages/:slug', 'console-site', 'console'],
];

function match(path) {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  for (const [pattern, page] of ROUTES) {
    const want = pattern.split('/').slice(1);
    if (want.length !== parts.length) continue;
    const params = {};
    const ok = want.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { page, params };
  }
  return null;
}

async function start() {
  const route = match(location.pathname);
  const main = consoleFrame();
  if (!route) {
    document.getElementById('app').removeAttribute('aria-busy');
    document.body.dataset.page = 'not-found';
    setTitle('页面不存在');
    show(main, h('section', { class: 'empty-state' }, h('h1', {}, '页面不存在'), h('p', {}, '链接可能已失效。'),
      h('a', { class: 'button', href: '/console' }, '回到工作台')));
    return;
  }
  try {
    const module = await import(`./pages/${route.page}.js`);
    await module.render(main, route.params);
  } catch (error) {
    console.error(error);
    show(main, h('section', { class: 'empty-state' }, h('h1', {}, '页面加载失败'),
      h('p', {}, error?.status === 404 ? '内容不存在或已下线。' : (error?.message || '请稍后刷新重试。')),
      h('a', { class: 'button', href: '/console' }, '回到工作台')));
  } finally {
    document.getElementById('app').removeAttribute('aria-busy');
    document.body.dataset.page = route.page;
  }
}

start();
