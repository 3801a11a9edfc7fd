// 企业 AI 成熟度诊断, in three steps: company → questionnaire → contact and consent. What is typed survives a reload
// of the tab (sessionStorage: contact details do not outlive it on a shared computer). The server renders the page's
// title and introduction; this draws the wizard into the root it is given. What brought the visitor (source: the
// campaign, the CTA and the page it was clicked on) comes from site.js, which keeps it on every page.
import { h, show, count } from '../lib/dom.js';
import { api, newKey } from '../lib/api.js';
import { field, formError, clearErrors, showProblem } from '../lib/forms.js';
import { INDUSTRIES, SIZES } from '../lib/leads.js';

const DRAFT = 'accesspath.diagnosis.draft';
const STEPS = ['企业信息', '成熟度问卷', '联系方式'];

function loadDraft() {
  try {
    return { step: 0, company: {}, answers: {}, contact: {}, consent: false, ...JSON.parse(sessionStorage.getItem(DRAFT) || '{}') };
  } catch {
    return { step: 0, company: {}, answers: {}, contact: {}, consent: false };
  }
}

export async function render(main, { source } = {}) {
  const [{ data: questionnaire }, completed] = await Promise.all([
    api('/api/diagnosis/questionnaire'),
    api('/api/diagnosis/stats').then((r) => r.data.completed).catch(() => null),
  ]);
  const draft = loadDraft();
  // One key per draft: a double click or a retried request creates one diagnosis, not two.
  draft.idempotencyKey = draft.idempotencyKey || newKey();
  const save = () => sessionStorage.setItem(DRAFT, JSON.stringify(draft));

  const input = (path, attrs) => {
    const [group, name] = path.split('.');
    const el = h('input', { id: path.replace('.', '-'), name: path, value: draft[group][name] || '', ...attrs });
    el.addEventListener('input', () => { draft[group][name] = el.value; save(); });
    return el;
  };
  const select = (path, options, placeholder) => {
    const [group, name] = path.split('.');
    const el = h('select', { id: path.replace('.', '-'), name: path },
      h('option', { value: '' }, placeholder), options.map(([value, text]) => h('option', { value, selected: draft[group][name] === value }, text)));
    el.addEventListener('change', () => { draft[group][name] = el.value; save(); });
    return el;
  };

  const companyStep = h('section', { class: 'wizard-step', dataset: { step: 0 } },
    h('h2', {}, '第 1 步:企业信息'),
    field('企业名称', 'company.name', input('company.name', { autocomplete: 'organization', maxlength: 100 }), { required: true }),
    h('div', { class: 'field-row' },
      field('所属行业', 'company.industry', select('company.industry', INDUSTRIES, '请选择行业'), { required: true }),
      field('企业规模', 'company.size', select('company.size', SIZES, '请选择规模'), { required: true })),
    field('所在地区', 'company.region', input('company.region', { placeholder: '例如:上海', maxlength: 50 })));

  const total = questionnaire.dimensions.reduce((n, d) => n + d.questions.length, 0);
  const answered = h('span', { class: 'answered' });
  const updateAnswered = () => {
    const n = Object.keys(draft.answers).length;
    answered.textContent = `已回答 ${n} / ${total}`;
  };
  const questionStep = h('section', { class: 'wizard-step', dataset: { step: 1 } },
    h('div', { class: 'step-head' }, h('h2', {}, '第 2 步:成熟度问卷'), answered),
    h('div', { class: 'field', dataset: { field: 'answers' } }),
    questionnaire.dimensions.map((dimension) => h('fieldset', { class: 'dimension' },
      h('legend', {}, dimension.name),
      dimension.questions.map((q, i) => h('div', { class: 'question field', dataset: { field: `answers.${q.key}` } },
        h('p', { class: 'question-text' }, `${i + 1}. ${q.text}`),
        h('div', { class: 'options', role: 'radiogroup', 'aria-label': q.text }, q.options.map((o) => {
          const radio = h('input', { type: 'radio', name: `answers.${q.key}`, value: o.value, checked: String(draft.answers[q.key]) === String(o.value) });
          radio.addEventListener('change', () => {
            draft.answers[q.key] = o.value;
            save();
            updateAnswered();
            radio.closest('.question').classList.remove('invalid');
            radio.closest('.question').querySelector('.field-error')?.remove();
          });
          return h('label', { class: 'option' }, radio, h('span', {}, o.label));
        })))))));
  updateAnswered();

  const consent = h('input', { type: 'checkbox', name: 'consent', checked: draft.consent });
  consent.addEventListener('change', () => { draft.consent = consent.checked; save(); });
  const contactStep = h('section', { class: 'wizard-step', dataset: { step: 2 } },
    h('h2', {}, '第 3 步:联系方式'),
    h('p', { class: 'muted' }, '报告生成后即可查看。留下联系方式,我们的顾问可为您解读报告(手机号或邮箱至少填一项)。'),
    h('div', { class: 'field-row' },
      field('姓名', 'contact.name', input('contact.name', { autocomplete: 'name', maxlength: 50 }), { required: true }),
      field('职务', 'contact.title', input('contact.title', { autocomplete: 'organization-title', maxlength: 50 }))),
    h('div', { class: 'field-row' },
      field('手机号', 'contact.phone', input('contact.phone', { type: 'tel', autocomplete: 'tel', inputmode: 'numeric', maxlength: 11, placeholder: '11 位手机号' })),
      field('邮箱', 'contact.email', input('contact.email', { type: 'email', autocomplete: 'email' }))),
    field('微信号', 'contact.wechat', input('contact.wechat', { maxlength: 50 })),
    h('div', { class: 'field', dataset: { field: 'consent' } },
      h('label', { class: 'check' }, consent, '我已阅读并同意', h('a', { href: '/privacy', target: '_blank' }, '《隐私政策》'),
        ',同意 AccessPath 使用以上信息生成报告并与我联系')));

  const steps = [companyStep, questionStep, contactStep];
  const progress = h('ol', { class: 'wizard-progress' }, STEPS.map((name, i) => h('li', { dataset: { step: i } }, h('span', {}, i + 1), name)));
  const back = h('button', { type: 'button', class: 'button button-ghost' }, '上一步');
  const next = h('button', { type: 'submit', class: 'button button-accent' }, '下一步');
  const form = h('form', { class: 'wizard', novalidate: true }, progress, steps, formError(), h('div', { class: 'wizard-actions' }, back, next));

  const go = (step, { scroll = true } = {}) => {
    draft.step = Math.max(0, Math.min(2, step));
    save();
    steps.forEach((s, i) => { s.hidden = i !== draft.step; });
    progress.querySelectorAll('li').forEach((li, i) => {
      li.classList.toggle('done', i < draft.step);
      li.classList.toggle('current', i === draft.step);
    });
    back.hidden = draft.step === 0;
    next.textContent = draft.step === 2 ? '提交并查看报告' : '下一步';
    if (scroll) form.scrollIntoView({ block: 'start' });
  };
  back.addEventListener('click', () => { clearErrors(form); go(draft.step - 1); });

  // Only what the next step needs is checked here; the API checks everything and its answer is shown as is.
  const missing = () => {
    if (draft.step === 0) {
      return ['name', 'industry', 'size'].filter((k) => !(draft.company[k] || '').trim())
        .map((k) => ({ field: `company.${k}`, message: 'must not be blank' }));
    }
    if (draft.step === 1) {
      return questionnaire.dimensions.flatMap((d) => d.questions).filter((q) => draft.answers[q.key] === undefined)
        .map((q) => ({ field: `answers.${q.key}`, message: '请回答此题' }));
    }
    return [];
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const problems = missing();
    if (problems.length) {
      showProblem(form, Object.assign(new Error('请完成标出的内容。'), { fieldErrors: problems }));
      return;
    }
    if (draft.step < 2) {
      go(draft.step + 1);
      return;
    }
    next.disabled = true;
    next.textContent = '正在生成报告…';
    const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'string' || v.trim() !== '').map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
    try {
      const { data } = await api('/api/diagnosis', {
        method: 'POST',
        headers: { 'Idempotency-Key': draft.idempotencyKey },
        body: {
          company: clean(draft.company), answers: draft.answers, contact: clean(draft.contact), consent: draft.consent, source: source?.(),
        },
      });
      sessionStorage.removeItem(DRAFT);
      location.assign(`/diagnosis/report/${encodeURIComponent(data.id)}?token=${encodeURIComponent(data.reportToken)}`);
    } catch (error) {
      const fields = error.fieldErrors || [];
      const stepOf = (f) => (f.startsWith('company') ? 0 : f.startsWith('answers') ? 1 : 2);
      if (fields.length) go(Math.min(...fields.map((e) => stepOf(e.field))));
      showProblem(form, error);
      next.disabled = false;
      next.textContent = '提交并查看报告';
    }
  });

  // The counter, unless the server's introduction already shows it.
  show(main,
    completed && !document.querySelector('.cta-counter')
      ? h('p', { class: 'cta-counter diagnosis-counter' }, '已有 ', h('strong', {}, count(completed)), ' 企业完成诊断') : null,
    form);
  // Opening the page does not jump past the introduction; moving between steps does bring the form into view.
  go(draft.step || 0, { scroll: false });
}
