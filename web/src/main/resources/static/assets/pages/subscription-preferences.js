// 订阅设置: topics and frequency, from the link in every newsletter mail. The server renders the page's title.
import { h, show, param, toast } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { taxonomy, topicChoices } from '../lib/taxonomy.js';
import { field, formError, clearErrors, showProblem } from '../lib/forms.js';

const STATUS = { PENDING: '待确认', CONFIRMED: '订阅中', UNSUBSCRIBED: '已退订' };

export async function render(main) {
  const token = param('token') || '';
  let prefs;
  try {
    prefs = (await api('/api/subscriptions/preferences', { query: { token } })).data;
  } catch (error) {
    show(main, h('section', { class: 'notice-page' }, h('h2', {}, '链接已失效'),
      h('p', {}, error.status === 404 ? '这个管理链接不存在或已过期,请使用最新一封邮件中的链接。' : error.message),
      h('a', { class: 'button', href: '/subscribe' }, '重新订阅')));
    return;
  }
  const topics = topicChoices(await taxonomy());
  const frequency = h('select', { name: 'frequency', id: 'frequency' },
    h('option', { value: 'weekly', selected: prefs.frequency === 'weekly' }, '每周精选'),
    h('option', { value: 'daily', selected: prefs.frequency === 'daily' }, '每日快讯'));
  const save = h('button', { type: 'submit', class: 'button' }, '保存设置');
  const form = h('form', { class: 'preferences-form', novalidate: true },
    h('p', {}, '邮箱:', h('strong', {}, prefs.email), h('span', { class: 'badge' }, STATUS[prefs.status?.toUpperCase()] || prefs.status)),
    field('发送频率', 'frequency', frequency),
    h('fieldset', { class: 'field topics', dataset: { field: 'topics' } }, h('legend', {}, '感兴趣的栏目(不选表示全部)'),
      topics.map(([key, name]) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'topics', value: key, checked: (prefs.topics || []).includes(key) }), name))),
    formError(), save,
    h('p', { class: 'muted small' }, '不想再收到邮件?', h('a', { href: `/subscriptions/unsubscribe?token=${encodeURIComponent(token)}` }, '退订')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    save.disabled = true;
    try {
      await api('/api/subscriptions/preferences', {
        method: 'PUT', query: { token },
        body: { frequency: frequency.value, topics: [...form.querySelectorAll('input[name=topics]:checked')].map((c) => c.value) },
      });
      toast('设置已保存');
    } catch (error) {
      showProblem(form, error);
    } finally {
      save.disabled = false;
    }
  });
  show(main, h('section', { class: 'subscribe-page' }, h('div', { class: 'panel' }, form)));
}
