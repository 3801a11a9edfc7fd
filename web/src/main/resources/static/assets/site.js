// The one script of every public page. The server renders the whole page (readers, search engines and link previews
// get complete HTML); this only enhances it: the view count, "加载更多", the forms, sharing, the official account's
// QR code, the interactive pages' modules (the diagnosis wizard, the report, the subscription pages), and the visit's
// source that every lead form sends.
// No static imports: one request, no module waterfall. The few helpers it needs are small copies of lib/ (api.js,
// forms.js, dom.js); keep them in step.

const $ = (selector, root = document) => root.querySelector(selector);

/** el('a', {href: '/x', class: 'y'}, 'text', child): text always goes in as text. */
function el(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/* ---- The API (as lib/api.js) ---- */

const MESSAGES = {
  400: '提交的内容有误,请检查后重试。',
  404: '内容不存在或链接已失效。',
  413: '提交的内容过大。',
  429: '操作太频繁了,请稍后再试。',
  503: '服务暂时繁忙,请稍后再试。',
};

class ApiError extends Error {
  constructor(status, problem) {
    super(status === 0 ? '网络连接失败,请检查网络。'
      : MESSAGES[status] || (status >= 500 ? '服务暂时不可用,请稍后再试。' : '请求失败,请稍后再试。'));
    this.status = status;
    this.fieldErrors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

async function api(path, { method = 'GET', query, body, headers = {} } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) url.searchParams.set(key, value);
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0);
  }
  const data = (response.headers.get('Content-Type') || '').includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** The anonymous visitor id that makes views count once per visitor (API.md: X-Visitor-Id), as lib/api.js makes it. */
function visitorId() {
  const key = 'accesspath.visitor';
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    localStorage.setItem(key, id);
  }
  return id;
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** 1234 → "1,234"; 12345 → "1.2万" (as lib/dom.js). */
function count(n) {
  if (n >= 10_000) return `${(n / 10_000).toFixed(n >= 100_000 ? 0 : 1)}万`;
  return Number(n).toLocaleString('zh-CN');
}

/* ---- The article's view: counted once per visitor and half hour by ranking-service ---- */

async function recordView() {
  const article = $('.article-page[data-article-id]');
  const views = $('#article-views');
  if (!article || !views) return;
  try {
    const data = await api('/api/views', {
      method: 'POST', body: { articleId: article.dataset.articleId }, headers: { 'X-Visitor-Id': visitorId() },
    });
    views.textContent = `${count(data.views)} 阅读`;
    views.dataset.views = data.views;
    views.dataset.counted = data.counted;
  } catch {
    // A view that cannot be recorded is not the reader's problem: the server's number stays.
  }
}

/* ---- "加载更多": the pager's link works without JavaScript; with it, the next page joins this one ---- */

function loadMore() {
  document.addEventListener('click', async (event) => {
    const link = event.target.closest?.('a.load-more');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const list = document.getElementById('article-list');
    const pager = link.closest('.pager');
    if (!list || !pager) return;
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    link.setAttribute('aria-busy', 'true');
    const label = link.textContent;
    link.textContent = '加载中…';
    try {
      const response = await fetch(link.href, { headers: { Accept: 'text/html' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      const items = [...(next.getElementById('article-list')?.children || [])].map((item) => document.adoptNode(item));
      list.append(...items);
      const nextPager = next.querySelector('.pager');
      if (nextPager) pager.replaceWith(document.adoptNode(nextPager));
      else pager.remove();
      // The link that had the focus may be gone: keyboard readers go on at the first new article.
      // (The card's title link: its cover link is out of the tab order.)
      const first = items.find((item) => item.querySelector('a[href]'));
      (first?.querySelector('h3 a') || first?.querySelector('a[href]:not([tabindex="-1"])'))?.focus({ preventScroll: true });
    } catch {
      // The server renders that page anyway: go there.
      location.assign(link.href);
      link.textContent = label;
      link.removeAttribute('aria-busy');
    }
  });
}

/* ---- What brought the visitor: the source every lead form sends (API.md, "Leads: sources") ---- */

// Kept in this tab's sessionStorage only, nothing that outlives it and no identifier: the campaign (utm_*) of the
// first address of the visit that has one, the other site that sent the visitor here (origin and path: a search
// engine's query may say what the person searched for), the WeChat scene, and the last CTA clicked. The scene is
// our own links' ?wechat_scene= or ?scene= (the official account's menu, a QR code), else the ?from= WeChat adds to
// a link shared in it (singlemessage, groupmessage, timeline). Without JavaScript the site server keeps the
// campaign in a session cookie for the form posts (site: source.VisitSources).
const VISIT = 'accesspath.visit';
const CLICKED_CTA = 'accesspath.cta';
const UTM = ['source', 'medium', 'campaign', 'term', 'content'];
const WECHAT_SHARES = ['singlemessage', 'groupmessage', 'timeline'];
const SOURCE_FIELDS = ['page', 'cta', 'referrer', ...UTM.map((k) => `utm.${k}`), 'wechatScene'];

/** A value as the API takes it: no control characters, at most 500 characters (never half a pair), or undefined. */
function sourceText(value) {
  let text = String(value ?? '').replace(/\p{Cc}/gu, '').trim();
  if (text.length > 500) text = text.slice(0, /[\uD800-\uDBFF]/.test(text[499]) ? 499 : 500).trim();
  return text || undefined;
}

function kept(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

function keep(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage refused (a private window's quota): the forms go without it.
  }
}

function externalReferrer() {
  try {
    const url = new URL(document.referrer);
    return url.host !== location.host && /^https?:$/.test(url.protocol) ? sourceText(url.origin + url.pathname) : undefined;
  } catch {
    return undefined;
  }
}

/** Every page: the visit's landing, and the CTA the visitor clicks (the page it stood on goes with the lead). */
function visitSource() {
  const params = new URLSearchParams(location.search);
  const visit = kept(VISIT) || { referrer: externalReferrer() };
  const utm = filled(Object.fromEntries(UTM.map((k) => [k, sourceText(params.get(`utm_${k}`))])));
  if (!visit.utm && Object.keys(utm).length) {
    visit.utm = utm;
    visit.referrer = visit.referrer || externalReferrer();
  }
  const from = params.get('from');
  const scene = sourceText(params.get('wechat_scene') || params.get('scene')) || (WECHAT_SHARES.includes(from) ? from : undefined);
  if (!visit.wechatScene && scene) visit.wechatScene = scene;
  keep(VISIT, visit);
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-cta]');
    if (link) keep(CLICKED_CTA, { cta: link.dataset.cta, page: location.pathname });
  });
  document.querySelectorAll('form').forEach((form) => {
    if (!form.elements.namedItem('source.page')) return;
    const source = sourceOf(form.elements.namedItem('source.page').value);
    for (const name of SOURCE_FIELDS) {
      const value = name.split('.').reduce((o, k) => o?.[k], source);
      form.elements.namedItem(`source.${name}`).value = value || '';
    }
  });
}

/**
 * The source of a lead sent from this page: the CTA is the address's ?cta=, the page the one that CTA was clicked on
 * (else this one, or formPage for a form that says where it stands).
 */
function sourceOf(formPage) {
  const visit = kept(VISIT) || {};
  const cta = sourceText(new URLSearchParams(location.search).get('cta'));
  const clicked = kept(CLICKED_CTA);
  const page = cta && clicked?.cta === cta ? clicked.page : formPage || location.pathname;
  const utm = filled(visit.utm || {});
  return filled({
    page: sourceText(page), cta, referrer: visit.referrer, utm: Object.keys(utm).length ? utm : undefined, wechatScene: visit.wechatScene,
  });
}

/** A form's hidden source.* fields (partials/sourceFields.jte) as the API's source, or undefined when it has none. */
function formSource(form) {
  if (!form.elements.namedItem('source.page')) return undefined;
  const source = {};
  for (const name of SOURCE_FIELDS) {
    const value = sourceText(form.elements.namedItem(`source.${name}`)?.value);
    const [first, second] = name.split('.');
    if (value && second) source[first] = { ...source[first], [second]: value };
    else if (value) source[first] = value;
  }
  return Object.keys(source).length ? source : undefined;
}

/* ---- Forms the server renders, sent as JSON (their errors placed at their fields, as lib/forms.js does) ---- */

// The API words its rules in English for every client; readers here get them in Chinese (the raw text otherwise).
const RULES = [
  [/phone or email|email or phone/i, '请至少填写手机号或邮箱'],
  [/mainland China mobile|phone/i, '请输入有效的中国大陆手机号(11 位)'],
  [/e-?mail/i, '请输入有效的邮箱地址'],
  [/must be true|consent|privacy/i, '请阅读并同意隐私政策'],
  [/must be one of|not one of|unknown option|not an option/i, '请从给出的选项中选择'],
  [/not be blank|not be empty|not be null|required|missing/i, '此项为必填项'],
  [/size must be between|at most|too long|length/i, '内容长度超出限制'],
];

function fieldMessage(message) {
  for (const [pattern, text] of RULES) if (pattern.test(message || '')) return text;
  return message || '请检查此项';
}

function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** Field errors at their [data-field] wrapper, the rest (and a summary) in the form's .form-error box. */
function showProblem(form, error) {
  const unplaced = [];
  let first = null;
  for (const { field, message } of error.fieldErrors) {
    const target = form.querySelector(`[data-field="${CSS.escape(field)}"]`)
      || form.querySelector(`[data-field="${CSS.escape(String(field).split(/[.[]/)[0])}"]`);
    if (!target) {
      unplaced.push(message);
      continue;
    }
    target.classList.add('invalid');
    target.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
    if (!target.querySelector(':scope > .field-error')) {
      target.append(el('p', { class: 'field-error', role: 'alert', 'data-for': field }, fieldMessage(message)));
    }
    first = first || target;
  }
  let box = form.querySelector('.form-error');
  if (!box) {
    box = el('p', { class: 'form-error', role: 'alert' });
    (form.querySelector('[type=submit]') || form.lastChild).before(box);
  }
  box.textContent = error.fieldErrors.length > 0 && unplaced.length === 0
    ? '请按提示修改标出的内容。' : [error.message, ...unplaced.map(fieldMessage)].join(' ');
  box.hidden = false;
  first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  first?.querySelector('input, select, textarea')?.focus({ preventScroll: true });
}

const text = (form, name) => (form.elements.namedItem(name)?.value || '').trim();
const checked = (form, name) => Boolean(form.elements.namedItem(name)?.checked);
/** The fields with something in them: optional ones (phone or email) are left out rather than sent empty. */
const filled = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== '' && v !== undefined));

function contactBody(form) {
  return filled({
    name: text(form, 'name'), company: text(form, 'company'), phone: text(form, 'phone'), email: text(form, 'email'),
    message: text(form, 'message'), consent: checked(form, 'consent'),
  });
}

function downloadBody(form) {
  return filled({
    resource: text(form, 'resource'), name: text(form, 'name'), company: text(form, 'company'), email: text(form, 'email'),
    phone: text(form, 'phone'), title: text(form, 'title'), consent: checked(form, 'consent'),
  });
}

function contactSent(form) {
  let box = form.querySelector('.form-success') || form.parentElement?.querySelector(':scope > .form-success');
  if (!box) box = el('p', { class: 'form-success', role: 'status' });
  form.after(box);
  if (!box.textContent.trim()) box.textContent = '已收到,我们会尽快联系您';
  box.setAttribute('tabindex', '-1');
  box.hidden = false;
  form.hidden = true;
  box.focus();
}

const FORMS = {
  subscribe: {
    path: '/api/subscriptions',
    body: (form) => {
      const topics = [...form.querySelectorAll('input[name=topics]:checked')].map((c) => c.value);
      return filled({
        email: text(form, 'email'), frequency: text(form, 'frequency') || undefined, consent: checked(form, 'consent'),
        topics: topics.length ? topics : undefined,
      });
    },
    sent: (form, body) => location.assign(`/subscribe?sent=${encodeURIComponent(body.email || '')}`),
  },
  contact: { path: '/api/contact', body: contactBody, sent: contactSent, idempotent: true },
  download: { path: '/api/downloads', body: downloadBody, sent: contactSent, idempotent: true },
};

function forms() {
  document.querySelectorAll('form[data-form]').forEach((form) => {
    const kind = FORMS[form.dataset.form];
    if (!kind) return;
    form.noValidate = true;
    // One key per body: a double click or a retry after a lost answer creates one lead; a corrected form is new.
    let sent = { json: null, key: null };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const submit = form.querySelector('[type=submit]');
      if (submit?.disabled) return;
      clearErrors(form);
      const box = form.querySelector('.form-error');
      if (box) box.hidden = true;
      const body = { ...kind.body(form), source: formSource(form) };
      const json = JSON.stringify(body);
      if (json !== sent.json) sent = { json, key: newKey() };
      if (submit) submit.disabled = true;
      try {
        await api(kind.path, { method: 'POST', body, headers: kind.idempotent ? { 'Idempotency-Key': sent.key } : {} });
        kind.sent(form, body);
      } catch (error) {
        showProblem(form, error instanceof ApiError ? error : new ApiError(0));
      } finally {
        if (submit) submit.disabled = false;
      }
    });
  });
}

/* ---- Share: copy the link, WeChat's card (inside WeChat), Weibo (a plain link, rendered by the server) ---- */

const inWeChat = () => /MicroMessenger/i.test(navigator.userAgent);

async function copyText(value) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(value);
    return;
  }
  // Pages over plain http have no clipboard API.
  const area = el('textarea', { readonly: true, class: 'visually-hidden' }, value);
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy');
}

function share() {
  const box = $('.share[data-share-url]');
  if (!box) return;
  const url = box.dataset.shareUrl;
  const hint = box.querySelector('.share-hint') || el('span', { class: 'share-hint', role: 'status' });
  box.append(hint);
  const copy = $('.share-copy', box);
  if (copy) {
    const label = copy.textContent;
    copy.hidden = false;
    let timer;
    copy.addEventListener('click', async () => {
      try {
        await copyText(url);
        copy.textContent = '已复制';
        hint.textContent = '';
      } catch {
        hint.textContent = `请手动复制链接:${url}`;
      }
      clearTimeout(timer);
      timer = setTimeout(() => { copy.textContent = label; }, 2000);
    });
  }
  const wechat = $('.share-wechat', box);
  if (wechat) {
    wechat.hidden = false;
    wechat.addEventListener('click', () => {
      hint.textContent = inWeChat() ? '点击右上角 ··· 分享给朋友或朋友圈' : '复制链接后在微信中打开分享';
    });
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = el('script', { src, async: true });
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

/** Inside WeChat, "send to a friend" and "moments" show this page's card (og:*), signed by newsletter-service. */
async function wechatCard() {
  if (!inWeChat()) return;
  const meta = (property) => document.querySelector(`meta[property="${property}"]`)?.getAttribute('content') || '';
  const card = {
    title: meta('og:title') || document.title,
    desc: meta('og:description'),
    link: document.querySelector('link[rel=canonical]')?.href || meta('og:url') || location.href.split('#')[0],
    imgUrl: meta('og:image'),
  };
  try {
    const [config] = await Promise.all([
      api('/api/wechat/jssdk-config', { query: { url: location.href.split('#')[0] } }),
      loadScript('https://res.wx.qq.com/open/js/jweixin-1.6.0.js'),
    ]);
    const { wx } = window;
    wx.config({
      appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr, signature: config.signature,
      jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'],
    });
    wx.ready(() => {
      wx.updateAppMessageShareData(card);
      wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl });
    });
  } catch {
    // WeChat then shares a plain link: the page still reads.
  }
}

/* ---- 关注公众号: a QR code with this site's scene when WeChat answers; the static one otherwise ---- */

async function wechatQr() {
  const images = document.querySelectorAll('img.wechat-qr');
  if (images.length === 0) return;
  try {
    const { url } = await api('/api/wechat/qrcode', { query: { scene: 'site' } });
    if (!url) return;
    // Swapped only once it has loaded: a broken code never replaces a working one.
    const probe = new Image();
    probe.onload = () => images.forEach((image) => { image.src = url; });
    probe.src = url;
  } catch {
    // The static code stays.
  }
}

/* ---- Interactive pages: the server renders the frame, the module the content ---- */

/** Path parameters per module; the query's parameters come along too. */
const PATHS = { report: /^\/diagnosis\/report\/([^/]+)\/?$/ };
const PATH_NAMES = { report: ['id'] };

function pageParams(module) {
  const params = Object.fromEntries(new URLSearchParams(location.search));
  const match = PATHS[module]?.exec(location.pathname);
  (PATH_NAMES[module] || []).forEach((name, i) => {
    if (match) params[name] = decodeURIComponent(match[i + 1]);
  });
  return params;
}

async function pageModule() {
  const root = document.getElementById('page-root');
  const module = root?.dataset.module;
  if (!module || !/^[a-z][a-z-]*$/.test(module)) return;
  root.setAttribute('aria-busy', 'true');
  try {
    const { render } = await import(`/assets/pages/${module}.js`);
    // The lead pages' source comes from here: this script keeps the visit's landing on every page.
    await render(root, { ...pageParams(module), source: () => sourceOf() });
  } catch (error) {
    console.error(error);
    root.replaceChildren(el('section', { class: 'empty-state' },
      el('h2', {}, '页面加载失败'),
      el('p', {}, error?.status === 404 ? '内容不存在或已下线。' : (error?.message || '请稍后刷新重试。')),
      el('a', { class: 'button', href: '/' }, '回到首页')));
  } finally {
    root.removeAttribute('aria-busy');
  }
}

// Each on its own: one that fails leaves the others working.
for (const enhance of [visitSource, recordView, loadMore, forms, share, wechatCard, wechatQr, pageModule]) {
  try {
    enhance();
  } catch (error) {
    console.error(error);
  }
}
