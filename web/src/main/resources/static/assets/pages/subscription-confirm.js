// 确认订阅: the link from the confirmation mail. The server renders the page's title; this confirms and says how it went.
import { h, show, param } from '../lib/dom.js';
import { api } from '../lib/api.js';

export async function render(main) {
  const token = param('token') || '';
  try {
    await api('/api/subscriptions/confirm', { method: 'POST', query: { token } });
    show(main, h('section', { class: 'notice-page', id: 'subscription-confirmed' },
      h('div', { class: 'notice-icon ok', 'aria-hidden': 'true' }, '✓'),
      h('h2', {}, '订阅成功'),
      h('p', {}, '感谢订阅!第一封精选邮件很快就会到达。每封邮件底部都有管理订阅和退订的链接。'),
      h('a', { class: 'button', href: '/' }, '去看看最新资讯')));
  } catch (error) {
    show(main, h('section', { class: 'notice-page' },
      h('div', { class: 'notice-icon warn', 'aria-hidden': 'true' }, '!'),
      h('h2', {}, error.status === 404 ? '链接已失效' : '暂时无法确认'),
      h('p', {}, error.status === 404 ? '这个确认链接不存在、已经使用过或已过期。请重新订阅,我们会再发一封确认邮件。' : error.message),
      h('a', { class: 'button', href: '/subscribe' }, '重新订阅')));
  }
}
