// 退订: opening the page changes nothing (mail scanners open links); only the button unsubscribes. The server renders
// the page's title.
import { h, show, param } from '../lib/dom.js';
import { api } from '../lib/api.js';

export async function render(main) {
  const token = param('token') || '';
  const button = h('button', { type: 'button', class: 'button button-danger', id: 'unsubscribe' }, '确认退订');
  const box = h('section', { class: 'notice-page' },
    h('h2', {}, '退订 AccessPath 邮件'),
    h('p', {}, '退订后你将不再收到我们的资讯邮件。你可以随时重新订阅。'),
    button,
    h('p', { class: 'muted small' }, '只是邮件太多?', h('a', { href: `/subscriptions/preferences?token=${encodeURIComponent(token)}` }, '改为每周一封')));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('/api/subscriptions/unsubscribe', { method: 'POST', query: { token } });
      show(box, h('div', { class: 'notice-icon ok', 'aria-hidden': 'true' }, '✓'), h('h2', { id: 'unsubscribed' }, '已退订'),
        h('p', {}, '你将不再收到 AccessPath 的邮件。感谢一直以来的关注。'), h('a', { class: 'button button-ghost', href: '/' }, '返回首页'));
    } catch (error) {
      show(box, h('h2', {}, error.status === 404 ? '链接已失效' : '暂时无法退订'),
        h('p', {}, error.status === 404 ? '这个退订链接不存在或已过期,请使用最新一封邮件中的链接。' : error.message));
    }
  });
  show(main, box);
}
