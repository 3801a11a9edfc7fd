// 工作台 start page.
import { h, show, setTitle } from '../lib/dom.js';
import { session } from '../lib/api.js';

export async function render(main) {
  setTitle('工作台');
  const roles = session.claims()?.roles || [];
  show(main, h('section', { class: 'console-home' },
    h('h1', {}, 'AccessPath 工作台'),
    h('div', { class: 'console-cards' },
      h('a', { class: 'panel console-card', href: '/console/leads' }, h('h2', {}, '线索管理'), h('p', {}, '查看诊断与咨询线索,跟进、分配、记录沟通、导出。'), h('span', { class: 'muted' }, '销售')),
      h('a', { class: 'panel console-card', href: '/console/articles' }, h('h2', {}, '文章管理'), h('p', {}, '撰写、编辑、预览、定时发布与下线文章。'), h('span', { class: 'muted' }, '编辑'))),
    roles.length ? null : h('p', { class: 'muted' }, '进入任一模块时会提示登录。')));
}
