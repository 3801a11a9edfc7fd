// 订阅: the form, then "check your inbox" (double opt-in: nothing is sent until the reader confirms).
import { h, show, setTitle, param } from '../lib/dom.js';
import { newsletterForm } from '../lib/sidebar.js';
import { taxonomy, topicChoices } from '../lib/taxonomy.js';

export async function render(main) {
  const sent = param('sent');
  if (sent) {
    setTitle('请查收确认邮件');
    show(main, h('section', { class: 'notice-page', id: 'check-inbox' },
      h('div', { class: 'notice-icon', 'aria-hidden': 'true' }, '✉'),
      h('h1', {}, '请查收确认邮件'),
      h('p', {}, '我们已向 ', h('strong', {}, sent), ' 发送了一封确认邮件。点击邮件中的“确认订阅”按钮后,订阅才会生效。'),
      h('p', { class: 'muted' }, '没收到?请检查垃圾邮件文件夹,或在几分钟后重新提交。确认链接 48 小时内有效。'),
      h('a', { class: 'button button-ghost', href: '/' }, '返回首页')));
    return;
  }
  setTitle('邮件订阅');
  show(main, h('section', { class: 'subscribe-page' },
    h('header', { class: 'page-head' }, h('h1', {}, '订阅 AccessPath 邮件'),
      h('p', {}, '每周精选或每日快讯,AI 行业动态、深度研究与行业报告直达邮箱。随时一键退订。')),
    h('div', { class: 'panel' }, newsletterForm({ topics: topicChoices(await taxonomy()) }))));
}
