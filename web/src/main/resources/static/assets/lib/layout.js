// The frame around every page: the site's header and footer, or the consoles' bar.
import { h, param } from './dom.js';
import { session } from './api.js';
import { sections } from './taxonomy.js';

/** The menu: home, a link per section of the taxonomy (read from article-service), the newsletter. */
export function nav(tree) {
  return [
    { href: '/', label: '首页' },
    ...sections(tree).map((section) => ({ href: `/category/${section.key}`, label: section.name })),
    { href: '/subscribe', label: '订阅' },
  ];
}

function isCurrent(href) {
  if (href === '/') return location.pathname === '/';
  return location.pathname === href || location.pathname.startsWith(`${href}/`);
}

export function siteFrame(tree = [], active) {
  const main = h('main', { id: 'main', class: 'container' });
  const search = h('form', { class: 'site-search', action: '/search', role: 'search' },
    h('input', { type: 'search', name: 'q', placeholder: '搜索 AI 资讯、报告、案例', 'aria-label': '搜索', value: param('q') || '' }),
    h('button', { type: 'submit', 'aria-label': '搜索' }, '搜索'));
  const header = h('header', { class: 'site-header' },
    h('div', { class: 'container header-row' },
      h('a', { class: 'brand', href: '/' },
        h('img', { src: '/assets/favicon.svg', alt: '', width: 32, height: 32 }),
        h('span', { class: 'brand-name' }, 'AccessPath'),
        h('span', { class: 'brand-tag' }, 'AI 资讯 · 企业智能化')),
      search,
      h('a', { class: 'button button-accent header-cta', href: '/diagnosis' }, '免费 AI 诊断')),
    h('nav', { class: 'site-nav', 'aria-label': '栏目' },
      h('div', { class: 'container nav-row' },
        nav(tree).map((item) => h('a', {
          href: item.href,
          class: (active ? active === item.href : isCurrent(item.href)) ? 'current' : null,
          'aria-current': (active ? active === item.href : isCurrent(item.href)) ? 'page' : null,
        }, item.label)),
        h('a', { href: '/diagnosis', class: isCurrent('/diagnosis') ? 'current nav-diagnosis' : 'nav-diagnosis' }, '企业 AI 诊断'))));
  const footer = h('footer', { class: 'site-footer' },
    h('div', { class: 'container footer-grid' },
      h('div', {},
        h('div', { class: 'footer-brand' }, 'AccessPath'),
        h('p', {}, '关注人工智能的每一次进展,帮助企业找到自己的 AI 路径。')),
      h('div', {},
        h('h4', {}, '内容'),
        tree.map((group) => h('a', { href: `/category/${group.key}` }, group.name)),
        h('a', { href: '/search' }, '搜索')),
      h('div', {},
        h('h4', {}, '服务'),
        h('a', { href: '/diagnosis' }, '企业 AI 成熟度诊断'), h('a', { href: '/subscribe' }, '邮件订阅')),
      h('div', {},
        h('h4', {}, '关于'),
        h('a', { href: '/privacy' }, '隐私政策'), h('a', { href: '/terms' }, '服务条款'))),
    h('div', { class: 'container footer-legal' }, `© ${new Date().getFullYear()} AccessPath · 内容仅供参考,不构成投资建议`));
  document.getElementById('app').replaceChildren(header, main, footer);
  return main;
}

export function consoleFrame() {
  const claims = session.claims();
  const main = h('main', { id: 'main', class: 'console-main' });
  const links = [
    { href: '/console/leads', label: '线索管理' },
    { href: '/console/articles', label: '文章管理' },
    ...((claims?.roles || []).some((r) => r === 'EDITOR' || r === 'ADMIN') ? [{ href: '/console/site', label: '站点设置' }] : []),
  ];
  const header = h('header', { class: 'console-bar' },
    h('a', { class: 'brand brand-console', href: '/console' },
      h('img', { src: '/assets/favicon.svg', alt: '', width: 26, height: 26 }),
      h('span', {}, 'AccessPath 工作台')),
    h('nav', { 'aria-label': '工作台' }, links.map((l) => h('a', {
      href: l.href, class: location.pathname.startsWith(l.href) ? 'current' : null,
    }, l.label))),
    claims ? h('div', { class: 'console-user' },
      h('span', { title: (claims.roles || []).join(', ') }, `${claims.sub || '已登录'} · ${(claims.roles || []).map(roleName).join('/')}`),
      h('button', { type: 'button', class: 'link-button', onclick: () => { session.signOut(); location.reload(); } }, '退出')) : null);
  document.getElementById('app').replaceChildren(header, main);
  return main;
}

export function roleName(role) {
  return { SALES: '销售', EDITOR: '编辑', ADMIN: '管理员' }[role] || role;
}
