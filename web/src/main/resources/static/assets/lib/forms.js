// Forms: reading values, and putting the API's validation errors next to the fields they name.
import { h } from './dom.js';

// The API words its rules in English for every client; readers here get them in Chinese (the raw text otherwise).
const RULES = [
  [/phone or email|email or phone/i, '请至少填写手机号或邮箱'],
  [/mainland China mobile|phone/i, '请输入有效的中国大陆手机号(11 位)'],
  [/e-?mail/i, '请输入有效的邮箱地址'],
  [/must be true|consent|privacy/i, '请阅读并同意隐私政策'],
  [/must be one of|not one of|unknown option|not an option/i, '请从给出的选项中选择'],
  [/not be blank|not be empty|not be null|required|missing/i, '此项为必填项'],
  [/size must be between|at most|too long|length/i, '内容长度超出限制'],
  [/http\(s\) URL|URL/i, '请输入以 http:// 或 https:// 开头的网址'],
  [/lower-case letters/i, '只能使用小写字母、数字和连字符'],
  [/future|past|time/i, '时间不正确'],
];

export function fieldMessage(message) {
  for (const [pattern, text] of RULES) if (pattern.test(message || '')) return text;
  return message || '请检查此项';
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
  form.querySelectorAll('.form-error').forEach((e) => { e.textContent = ''; e.hidden = true; });
}

/**
 * Shows each {field, message} at the element with data-field="field" (or the closest parent path, so
 * "answers.q1" finds "answers.q1" or "answers"). Returns the fields that found no place.
 */
export function showErrors(form, errors) {
  const unplaced = [];
  let first = null;
  for (const { field, message } of errors) {
    let target = null;
    // "sources[0].url" → "sources[0]" → "sources": the closest element that shows this field.
    const parent = (path) => (/\[\d+\]$/.test(path) ? path.replace(/\[\d+\]$/, '') : path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null);
    for (let path = field; path && !target; path = parent(path)) {
      target = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
    }
    if (!target) {
      unplaced.push({ field, message });
      continue;
    }
    target.classList.add('invalid');
    if (!target.querySelector(':scope > .field-error')) {
      target.append(h('p', { class: 'field-error', role: 'alert', dataset: { for: field } }, fieldMessage(message)));
    }
    first = first || target;
  }
  first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  first?.querySelector('input, select, textarea')?.focus({ preventScroll: true });
  return unplaced;
}

/** Shows an ApiError on a form: field errors where they belong, the rest in the form's .form-error box. */
export function showProblem(form, error) {
  const box = form.querySelector('.form-error');
  const fieldErrors = error.fieldErrors || [];
  const unplaced = showErrors(form, fieldErrors);
  const text = fieldErrors.length > 0 && unplaced.length === 0
    ? '请按提示修改标出的内容。'
    : [error.message, ...unplaced.map((e) => fieldMessage(e.message))].join(' ');
  if (box) {
    box.textContent = text;
    box.hidden = false;
  }
}

export function field(label, name, control, { hint, required } = {}) {
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: control.id || null }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('p', { class: 'hint' }, hint) : null);
}

export function formError() {
  return h('p', { class: 'form-error', role: 'alert', hidden: true });
}
