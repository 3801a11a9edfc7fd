// 工作台 start page.
import { h, show, setTitle } from '../lib/dom.js';
import { session } from '../lib/api.js';
import { isEditor } from '../lib/layout.js';

export async function render(main) {
  setTitle('工作台');
  const claims = session.claims();
  const roles = claims?.roles || [];
  show(main, h('section', { class: 'console-home' },
    h('h1', {}, 'AccessPath 工作台'),
    h('div', { class: 'console-cards' },
      h('a', { class: 'panel console-card', href: '/console/leads' }, h('h2', {}, '线索管理'), h('p', {}, '查看诊断与咨询线索,跟进、分配、记录沟通、导出。'), h('span', { class: 'muted' }, '销售')),
      h('a', { class: 'panel console-card', href: '/console/articles' }, h('h2', {}, '文章管理'), h('p', {}, '撰写、编辑、预览、定时发布与下线文章。'), h('span', { class: 'muted' }, '编辑')),
      // Not offered to a token that may not open it (sales); before signing in, it is one of the modules.
      roles.length && !isEditor(claims) ? null
        : h('a', { class: 'panel console-card', href: '/console/newsletter' }, h('h2', {}, '邮件订阅'), h('p', {}, '订阅统计,手动发送资讯摘要,查看每期的发送进度、点击与退订。'), h('span', { class: 'muted' }, '编辑'))),
    roles.length ? null : h('p', { class: 'muted' }, '进入任一模块时会提示登录。')));
}
