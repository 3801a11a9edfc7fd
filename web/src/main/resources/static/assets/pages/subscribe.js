// 订阅: the form, then "check your inbox" (double opt-in: nothing is sent until the reader confirms). The server
// renders the page's title and introduction; this draws the form, or the notice, into the root it is given.
import { h, show, param } from '../lib/dom.js';
import { newsletterForm } from '../lib/sidebar.js';
import { taxonomy, topicChoices } from '../lib/taxonomy.js';

export async function render(main) {
  const sent = param('sent');
  if (sent) {
    show(main, h('section', { class: 'notice-page', id: 'check-inbox' },
      h('div', { class: 'notice-icon', 'aria-hidden': 'true' }, '✉'),
      h('h2', {}, '请查收确认邮件'),
      h('p', {}, '我们已向 ', h('strong', {}, sent), ' 发送了一封确认邮件。点击邮件中的“确认订阅”按钮后,订阅才会生效。'),
      h('p', { class: 'muted' }, '没收到?请检查垃圾邮件文件夹,或在几分钟后重新提交。确认链接 48 小时内有效。'),
      h('a', { class: 'button button-ghost', href: '/' }, '返回首页')));
    return;
  }
  show(main, h('section', { class: 'subscribe-page' },
    h('div', { class: 'panel' }, newsletterForm({ topics: topicChoices(await taxonomy()) }))));
}
