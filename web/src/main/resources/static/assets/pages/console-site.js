// 站点设置: the text of the site's pages (editors) and the site's settings (administrators). Every save names the
// version it was loaded at (If-Match), so two people editing at once never overwrite each other unknowingly.
import { h, show, setTitle, dateTime, toast } from '../lib/dom.js';
import { api, session } from '../lib/api.js';
import { requireRole, signInAgainOn401, problemText } from '../lib/console.js';
import { field, formError, clearErrors, showProblem } from '../lib/forms.js';
import { richText } from '../lib/richtext.js';
import { uploadMedia, pickMedia } from '../lib/media.js';

const ROLES = ['EDITOR'];

// The pages the site links to (header, footer), in the order readers meet them; the API may list more.
const SITE_PAGES = [
  ['insights', '洞察'],
  ['services', '服务'],
  ['about', '关于'],
  ['contact', '联系我们'],
  ['privacy', '隐私政策'],
  ['terms', '服务条款'],
];

// The article-service words these rules its own way; lib/forms.js knows the common ones.
const SITE_RULES = [
  [/control characters/i, '不能包含控制字符(如不可见的特殊符号)'],
  [/path on the site/i, '请输入以 http:// 或 https:// 开头的网址,或站内路径(如 /assets/qr.png)'],
  [/digits, spaces/i, '只能包含数字、空格和 + - ( )'],
];

function inChinese(error) {
  for (const fieldError of error.fieldErrors || []) {
    const rule = SITE_RULES.find(([pattern]) => pattern.test(fieldError.message || ''));
    if (rule) fieldError.message = rule[1];
  }
  return error;
}

/** "3" from the ETag "3" (or W/"3"), the version the API names. */
function versionOf(etag) {
  const digits = /(\d+)/.exec(etag || '');
  return digits ? Number(digits[1]) : null;
}

const ifMatch = (version) => (version ? { 'If-Match': `"${version}"` } : {});

export async function render(main, { slug } = {}) {
  if (!requireRole(main, ROLES)) return;
  setTitle('站点设置');
  const isAdmin = (session.claims()?.roles || []).includes('ADMIN');

  const pages = pageList(main);
  const editor = h('section', { class: 'console-site-editor', id: 'page-editor', hidden: true, 'aria-labelledby': 'page-editor-title' });
  const settings = h('section', { class: 'console-site-settings', id: 'site-settings', 'aria-labelledby': 'site-settings-title' });
  show(main,
    h('div', { class: 'console-site' },
      h('div', { class: 'console-head' }, h('h1', {}, '站点设置')),
      h('p', { class: 'muted' }, '网站各页面的文字与页脚信息。保存后网站会在几秒内更新(网站与网关会短暂缓存页面)。'),
      h('section', { class: 'console-site-pages', 'aria-labelledby': 'site-pages-title' },
        h('h2', { id: 'site-pages-title' }, '页面'),
        pages.table, pages.status),
      editor,
      settings));

  // The open page's editor, and whether its text differs from the saved one.
  let rich = null;
  let isDirty = () => false;
  let opening = 0;
  const forget = () => {
    rich?.remove();
    rich = null;
    isDirty = () => false;
  };
  window.addEventListener('beforeunload', (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });

  /** Loads the page's saved text into the editor (a page the API does not have yet starts empty). */
  async function openEditor(pageSlug) {
    if (isDirty() && !confirm('当前页面有未保存的修改,确定放弃并打开另一个页面吗?')) return;
    const ticket = ++opening;
    forget();
    editor.hidden = false;
    if (!/^[a-z0-9-]{1,64}$/.test(pageSlug)) {
      show(editor, h('p', { class: 'notice notice-error', role: 'alert' }, `“${pageSlug}”不是有效的页面标识:只能使用小写字母、数字和连字符。`));
      return;
    }
    history.replaceState(null, '', `/console/site/pages/${encodeURIComponent(pageSlug)}`);
    show(editor, h('p', { class: 'muted', role: 'status' }, '正在加载…'));
    let page = null;
    try {
      ({ data: page } = await api(`/api/admin/site/pages/${encodeURIComponent(pageSlug)}`, { auth: true }));
    } catch (error) {
      if (ticket !== opening) return;
      if (signInAgainOn401(main, ROLES, error)) return;
      if (error.status !== 404) {
        show(editor, h('p', { class: 'notice notice-error', role: 'alert' }, problemText(error, '这个页面')));
        return;
      }
    }
    if (ticket !== opening) return;
    await pageEditor(page, pageSlug);
  }

  async function pageEditor(loaded, pageSlug) {
    let page = loaded;
    const known = SITE_PAGES.find(([s]) => s === pageSlug);
    const title = h('input', { id: 'page-title', name: 'title', maxlength: 200, required: true, value: page?.title ?? known?.[1] ?? '' });
    const body = h('textarea', { id: 'page-body', name: 'body', rows: 18, class: 'mono', required: true, spellcheck: 'false' }, page?.body || '<p></p>');
    const error = formError();
    const notice = h('p', { class: 'notice notice-ok', role: 'status', id: 'page-notice', hidden: true });
    const version = h('span', { class: 'status', id: 'page-version' });
    const updated = h('span', { class: 'muted small', id: 'page-updated' });
    const preview = h('div', { class: 'panel preview console-site-preview', id: 'page-preview', hidden: true });
    const heading = h('h2', { id: 'page-editor-title', tabindex: '-1' });
    const saveButton = h('button', { type: 'submit', class: 'button', id: 'page-save' }, '保存页面');
    const form = h('form', { class: 'editor-form', id: 'page-form', novalidate: true, 'aria-labelledby': 'page-editor-title' },
      field('标题', 'title', title, { required: true }),
      field('正文', 'body', body, { required: true, hint: '可直接粘贴或拖入图片,会自动上传到媒体库;保存时会清除脚本与不安全的链接;下方显示保存后网站上的内容。' }),
      error,
      h('div', { class: 'editor-actions' }, saveButton,
        h('button', { type: 'button', class: 'button button-ghost', onclick: close }, '关闭'),
        h('a', { href: `/${pageSlug}`, target: '_blank', rel: 'noopener', id: 'page-view' }, '在网站上查看 ↗')));

    function describe() {
      editor.dataset.slug = pageSlug;
      editor.dataset.version = page ? String(page.version) : '';
      heading.textContent = `编辑页面:${page?.title || known?.[1] || pageSlug}`;
      version.textContent = page ? `版本 ${page.version}` : '尚未创建';
      updated.textContent = page ? `更新于 ${dateTime(page.updatedAt)}` : '保存后创建这个页面';
      if (page) {
        // The body as the server stored it: already sanitised (scripts, event handlers, unsafe links removed); the
        // console's CSP runs no inline script either way.
        const content = h('div', { class: 'article-body' });
        content.innerHTML = page.body;
        content.querySelectorAll('script, iframe, object, embed').forEach((e) => e.remove());
        show(preview, h('p', { class: 'kicker' }, '网站上显示的内容(已保存的版本)'), h('h1', {}, page.title), content);
        preview.hidden = false;
      }
    }

    function close() {
      if (isDirty() && !confirm('有未保存的修改,确定关闭吗?')) return;
      forget();
      editor.hidden = true;
      editor.replaceChildren();
      history.replaceState(null, '', '/console/site');
    }

    const reloadOffer = () => h('span', {}, '这个页面刚被其他人修改过,你的保存没有生效。',
      h('button', { type: 'button', class: 'link-button', id: 'page-reload', onclick: () => { isDirty = () => false; openEditor(pageSlug); } }, '重新加载最新版本'),
      '(未保存的修改会丢失,可先复制正文)');

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      notice.hidden = true;
      saveButton.disabled = true;
      try {
        const result = await api(`/api/admin/site/pages/${encodeURIComponent(pageSlug)}`, {
          method: 'PUT', auth: true, headers: ifMatch(page?.version), body: { title: title.value.trim(), body: rich.value() },
        });
        page = result.data;
        // What was stored, not what was typed: the next save starts from the sanitised text.
        title.value = page.title;
        rich.stored(page.body);
        settled();
        describe();
        pages.update(page);
        notice.textContent = `${result.status === 201 ? '页面已创建' : '已保存'}(版本 ${page.version})。网站上的页面会在几秒内更新。`;
        notice.hidden = false;
        toast('已保存');
      } catch (problem) {
        if (problem.status === 412 || problem.status === 428) {
          error.replaceChildren(reloadOffer());
          error.hidden = false;
        } else if (!signInAgainOn401(main, ROLES, problem)) {
          inChinese(problem);
          showProblem(form, Object.assign(problem, { message: problem.fieldErrors?.length ? problem.message : problemText(problem, '这个页面') }));
        }
      } finally {
        saveButton.disabled = false;
      }
    });

    describe();
    show(editor, h('div', { class: 'console-head' }, heading, version, updated), notice, form, preview);
    editor.hidden = false;
    heading.focus({ preventScroll: true });
    editor.scrollIntoView({ block: 'start', behavior: 'smooth' });
    // The same editor as the articles': it needs its textarea in the page.
    const pageRich = richText(body, {
      label: '页面正文',
      uploadImage: (file, name) => uploadMedia(file, name).catch((problem) => {
        throw new Error(problemText(problem, '图片'));
      }),
      pickImage: () => pickMedia({ title: '插入图片' }),
    });
    rich = pageRich;
    body.before(pageRich.tools);
    let saved = null;
    function settled() {
      saved = JSON.stringify([title.value, pageRich.value()]);
    }
    await pageRich.ready;
    if (rich !== pageRich) return;
    settled();
    isDirty = () => rich === pageRich && saved !== JSON.stringify([title.value, pageRich.value()]);
  }

  pages.onEdit = openEditor;
  const [listed] = await Promise.all([pages.load(), settingsForm(main, settings, isAdmin)]);
  if (listed && slug) await openEditor(slug);
}

/** The table of the site's pages: the known ones first, then any other the API lists. */
function pageList(main) {
  const rows = h('tbody', {});
  const status = h('p', { class: 'muted', role: 'status' });
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'site-pages' },
    h('caption', { class: 'visually-hidden' }, '网站页面'),
    h('thead', {}, h('tr', {}, ['页面', '链接', '更新时间', '版本', ''].map((t) => h('th', { scope: 'col' }, t)))), rows));
  const list = {
    table,
    status,
    onEdit: null,
    row(slug, page) {
      const known = SITE_PAGES.find(([s]) => s === slug);
      const name = page?.title || known?.[1] || slug;
      return h('tr', { dataset: { slug } },
        h('th', { scope: 'row' }, name),
        h('td', {}, h('code', {}, `/${slug}`)),
        h('td', { class: 'nowrap updated' }, page ? dateTime(page.updatedAt) : '尚未创建'),
        h('td', { class: 'version' }, page ? String(page.version) : '—'),
        h('td', { class: 'nowrap actions' },
          h('button', { type: 'button', class: 'button button-ghost edit-page', dataset: { slug }, 'aria-label': `编辑${name}`, onclick: () => list.onEdit?.(slug) }, '编辑'),
          page ? h('a', { href: `/${slug}`, target: '_blank', rel: 'noopener', 'aria-label': `在网站上查看${name}` }, '在网站上查看') : null));
    },
    /** True when the list could be read. */
    async load() {
      try {
        const { data } = await api('/api/admin/site/pages', { auth: true });
        const bySlug = new Map(data.map((p) => [p.slug, p]));
        const slugs = [...SITE_PAGES.map(([s]) => s), ...data.map((p) => p.slug).filter((s) => !SITE_PAGES.some(([k]) => k === s)).sort()];
        rows.replaceChildren(...slugs.map((s) => list.row(s, bySlug.get(s))));
        status.textContent = `共 ${data.length} 个页面`;
        return true;
      } catch (error) {
        if (!signInAgainOn401(main, ROLES, error)) status.textContent = problemText(error, '页面列表');
        return false;
      }
    },
    /** A saved page's row shows its new time and version. */
    update(page) {
      const old = rows.querySelector(`tr[data-slug="${CSS.escape(page.slug)}"]`);
      const fresh = list.row(page.slug, page);
      if (old) old.replaceWith(fresh);
      else rows.append(fresh);
    },
  };
  return list;
}

/** The settings: a form for administrators, the same fields read-only (with a note) for editors. */
async function settingsForm(main, section, isAdmin) {
  const input = (name, attrs = {}) => h('input', { id: `settings-${name.replace('.', '-')}`, name, ...attrs });
  const controls = {
    name: input('name', { maxlength: 60, required: true }),
    legalName: input('legalName', { maxlength: 100, required: true }),
    icp: input('icp', { maxlength: 60, placeholder: '例如:京ICP备12345678号-1' }),
    publicSecurityRecord: input('publicSecurityRecord', { maxlength: 60, placeholder: '例如:京公网安备11010502000001号' }),
    'wechat.account': input('wechat.account', { maxlength: 60 }),
    'wechat.qrImage': input('wechat.qrImage', { maxlength: 500, placeholder: 'https://… 或 /assets/…' }),
    'contact.email': input('contact.email', { type: 'email', maxlength: 254, autocomplete: 'off' }),
    'contact.phone': input('contact.phone', { type: 'tel', maxlength: 40, autocomplete: 'off' }),
    'contact.address': input('contact.address', { maxlength: 200 }),
  };
  const error = formError();
  const notice = h('p', { class: 'notice notice-ok', role: 'status', id: 'settings-notice', hidden: true });
  const saveButton = h('button', { type: 'submit', class: 'button', id: 'settings-save' }, '保存设置');
  const fields = h('fieldset', { disabled: !isAdmin },
    h('legend', { class: 'visually-hidden' }, '站点设置'),
    h('div', { class: 'field-row' },
      field('网站名称', 'name', controls.name, { required: true, hint: '显示在页眉' }),
      field('公司全称', 'legalName', controls.legalName, { required: true, hint: '页脚的 © 年份 公司全称' })),
    h('div', { class: 'field-row' },
      field('ICP 备案号', 'icp', controls.icp),
      field('公安备案号', 'publicSecurityRecord', controls.publicSecurityRecord)),
    h('div', { class: 'field-row' },
      field('公众号名称', 'wechat.account', controls['wechat.account']),
      field('公众号二维码图片', 'wechat.qrImage', controls['wechat.qrImage'], { hint: 'http(s) 网址或站内路径' })),
    h('div', { class: 'field-row' },
      field('联系邮箱', 'contact.email', controls['contact.email']),
      field('联系电话', 'contact.phone', controls['contact.phone'])),
    field('联系地址', 'contact.address', controls['contact.address']));
  const form = h('form', { class: 'editor-form', id: 'settings-form', novalidate: true, 'aria-labelledby': 'site-settings-title' },
    fields, error, isAdmin ? h('div', { class: 'editor-actions' }, saveButton) : null);
  const version = h('span', { class: 'status', id: 'settings-version' });
  show(section,
    h('div', { class: 'console-head' }, h('h2', { id: 'site-settings-title' }, '站点信息与页脚'), version),
    isAdmin ? null : h('p', { class: 'notice', id: 'settings-readonly' }, '站点信息只有管理员可以修改。你可以查看当前设置;如需修改,请联系管理员。'),
    notice, form);

  let current = null;
  const fill = (settings) => {
    const values = {
      name: settings?.name, legalName: settings?.legalName, icp: settings?.icp, publicSecurityRecord: settings?.publicSecurityRecord,
      'wechat.account': settings?.wechat?.account, 'wechat.qrImage': settings?.wechat?.qrImage,
      'contact.email': settings?.contact?.email, 'contact.phone': settings?.contact?.phone, 'contact.address': settings?.contact?.address,
    };
    for (const [name, control] of Object.entries(controls)) control.value = values[name] ?? '';
    version.textContent = current ? `版本 ${current}` : '尚未设置';
  };

  /** Administrators read the stored settings with their version; editors the public ones. */
  async function load() {
    clearErrors(form);
    try {
      const { data, etag } = await api(isAdmin ? '/api/admin/site' : '/api/site', { auth: isAdmin });
      current = versionOf(etag);
      fill(data);
    } catch (problem) {
      if (signInAgainOn401(main, ROLES, problem)) return;
      current = null;
      fill(null);
      if (problem.status !== 404) {
        error.textContent = problemText(problem, '站点设置');
        error.hidden = false;
      } else if (isAdmin) {
        notice.textContent = '还没有站点设置,保存后即创建。';
        notice.hidden = false;
      }
    }
  }

  const text = (name) => controls[name].value.trim() || null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!isAdmin) return;
    clearErrors(form);
    notice.hidden = true;
    saveButton.disabled = true;
    try {
      const result = await api('/api/admin/site', {
        method: 'PUT', auth: true, headers: ifMatch(current),
        body: {
          name: controls.name.value.trim(), legalName: controls.legalName.value.trim(),
          icp: text('icp'), publicSecurityRecord: text('publicSecurityRecord'),
          wechat: { account: text('wechat.account'), qrImage: text('wechat.qrImage') },
          contact: { email: text('contact.email'), phone: text('contact.phone'), address: text('contact.address') },
        },
      });
      current = versionOf(result.etag) ?? (current || 0) + 1;
      fill(result.data);
      notice.textContent = `已保存(版本 ${current})。网站页脚会在几秒内更新。`;
      notice.hidden = false;
      toast('站点设置已保存');
    } catch (problem) {
      if (problem.status === 412 || problem.status === 428) {
        error.replaceChildren(h('span', {}, '站点设置刚被其他管理员修改过,你的保存没有生效。',
          h('button', { type: 'button', class: 'link-button', id: 'settings-reload', onclick: load }, '重新加载最新设置'),
          '(未保存的修改会丢失)'));
        error.hidden = false;
      } else if (!signInAgainOn401(main, ROLES, problem)) {
        inChinese(problem);
        showProblem(form, Object.assign(problem, { message: problem.fieldErrors?.length ? problem.message : problemText(problem, '站点设置') }));
      }
    } finally {
      saveButton.disabled = false;
    }
  });

  await load();
}
