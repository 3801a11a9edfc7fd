// The frame around the consoles' pages (the public site's header and footer are rendered by the server).
import { h } from './dom.js';
import { session } from './api.js';

export function consoleFrame() {
  const claims = session.claims();
  const main = h('main', { id: 'main', class: 'console-main' });
  const links = [
    { href: '/console/leads', label: '线索管理' },
    { href: '/console/articles', label: '文章管理' },
    ...(isEditor(claims) ? [{ href: '/console/newsletter', label: '邮件订阅' }, { href: '/console/site', label: '站点设置' }] : []),
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

/** Editors (and administrators) may use the newsletter and the site's settings; the gateway lets only them through. */
export function isEditor(claims) {
  return (claims?.roles || []).some((r) => r === 'EDITOR' || r === 'ADMIN');
}

export function roleName(role) {
  return { SALES: '销售', EDITOR: '编辑', ADMIN: '管理员' }[role] || role;
}
