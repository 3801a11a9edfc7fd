// The blocks beside the news: diagnosis call to action, the official account and the newsletter form.
import { h, count } from './dom.js';
import { api } from './api.js';
import { field, formError, clearErrors, showProblem } from './forms.js';

export function diagnosisCta(completed) {
  return h('section', { class: 'panel cta-diagnosis' },
    h('h2', {}, '企业 AI 成熟度诊断'),
    h('p', {}, '18 个问题,5 分钟,看清企业在战略、数据、技术、人才、应用与治理上的 AI 水平,获取行业对标与改进建议。'),
    h('p', { class: 'cta-counter', dataset: { completed: completed ?? '' } },
      completed === null || completed === undefined ? '免费 · 即时出报告'
        : completed === 0 ? '免费 · 成为第一家完成诊断的企业' : h('span', {}, '已有 ', h('strong', {}, count(completed)), ' 企业完成诊断')),
    h('a', { class: 'button button-accent', href: '/diagnosis' }, '免费开始诊断'));
}

/** 关注公众号: the QR code the API issues, or how to find the account when WeChat cannot be reached. */
export function wechatFollow() {
  const code = h('div', { class: 'qr-box' }, h('div', { class: 'qr-placeholder', 'aria-hidden': 'true' }));
  const box = h('section', { class: 'panel wechat' },
    h('h2', { class: 'panel-title' }, '关注公众号'),
    h('div', { class: 'wechat-row' }, code,
      h('p', {}, '微信扫码关注 ', h('strong', {}, 'AccessPath'), ',每天获取 AI 快讯与行业报告。')));
  api('/api/wechat/qrcode', { query: { scene: 'site' } }).then(({ data }) => {
    code.replaceChildren(h('img', { src: data.url, alt: '公众号二维码', width: 112, height: 112 }));
  }).catch(() => {
    code.replaceChildren(h('div', { class: 'qr-unavailable' }, '微信搜索', h('br'), h('strong', {}, 'AccessPath')));
  });
  return box;
}

export function newsletterForm({ compact = false, topics = [] } = {}) {
  const email = h('input', { type: 'email', name: 'email', id: `email-${compact ? 's' : 'p'}`, placeholder: 'you@company.com', autocomplete: 'email', required: true });
  const frequency = h('select', { name: 'frequency', id: `frequency-${compact ? 's' : 'p'}` },
    h('option', { value: 'weekly' }, '每周精选'), h('option', { value: 'daily' }, '每日快讯'));
  const consent = h('input', { type: 'checkbox', name: 'consent' });
  const submit = h('button', { type: 'submit', class: 'button' }, '订阅');
  const form = h('form', { class: `newsletter-form${compact ? ' compact' : ''}`, novalidate: true },
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
  return compact ? h('section', { class: 'panel newsletter' }, h('h2', { class: 'panel-title' }, '邮件订阅'),
    h('p', { class: 'muted' }, '精选 AI 资讯,直达邮箱。随时一键退订。'), form) : form;
}
