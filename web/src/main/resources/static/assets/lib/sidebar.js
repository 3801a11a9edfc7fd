// The newsletter form of the subscription page (the sidebar's own form is rendered by the server, sent by site.js).
import { h } from './dom.js';
import { api } from './api.js';
import { field, formError, clearErrors, showProblem } from './forms.js';

export function newsletterForm({ topics = [] } = {}) {
  const email = h('input', { type: 'email', name: 'email', id: 'email-p', placeholder: 'you@company.com', autocomplete: 'email', required: true });
  const frequency = h('select', { name: 'frequency', id: 'frequency-p' },
    h('option', { value: 'weekly' }, '每周精选'), h('option', { value: 'daily' }, '每日快讯'));
  const consent = h('input', { type: 'checkbox', name: 'consent' });
  const submit = h('button', { type: 'submit', class: 'button' }, '订阅');
  const form = h('form', { class: 'newsletter-form', novalidate: true },
    field('邮箱', 'email', email, { required: true }),
    field('频率', 'frequency', frequency),
    topics.length ? h('fieldset', { class: 'field topics', dataset: { field: 'topics' } }, h('legend', {}, '感兴趣的栏目'),
      topics.map(([key, name]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'topics', value: key }), name))) : null,
    h('div', { class: 'field', dataset: { field: 'consent' } },
      h('label', { class: 'check' }, consent, '我已阅读并同意', h('a', { href: '/privacy', target: '_blank' }, '《隐私政策》'), ',愿意接收邮件')),
    formError(),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    const chosen = [...form.querySelectorAll('input[name=topics]:checked')].map((c) => c.value);
    try {
      await api('/api/subscriptions', {
        method: 'POST',
        body: { email: email.value.trim(), frequency: frequency.value, consent: consent.checked, ...(chosen.length ? { topics: chosen } : {}) },
      });
      location.assign(`/subscribe?sent=${encodeURIComponent(email.value.trim())}`);
    } catch (error) {
      showProblem(form, error);
      submit.disabled = false;
    }
  });
  return form;
}
