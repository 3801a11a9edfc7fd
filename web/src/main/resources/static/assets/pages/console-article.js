// 编辑文章: write, preview, save (with the version it was loaded at), publish now or at a time, archive.
import { h, show, setTitle, dateTime, toast, label } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, explain, signInAgainOn401 } from '../lib/console.js';
import { field, formError, clearErrors, showProblem } from '../lib/forms.js';
import { ARTICLE_STATUSES, leaves } from '../lib/editorial.js';

export async function render(main, { id }) {
  if (!requireRole(main, ['EDITOR'])) return;
  const { data: tree } = await api('/api/categories');
  const categories = leaves(tree);
  let article = null;
  let etag = null;
  if (id) {
    try {
      ({ data: article, etag } = await api(`/api/admin/articles/${encodeURIComponent(id)}`, { auth: true }));
    } catch (error) {
      if (signInAgainOn401(main, ['EDITOR'], error)) return;
      throw error;
    }
  }
  setTitle(article ? `编辑 · ${article.title}` : '新建文章');
  const notice = sessionStorage.getItem('accesspath.editor.notice');
  sessionStorage.removeItem('accesspath.editor.notice');

  const input = (name, value, attrs = {}) => h('input', { id: `article-${name}`, name, value: value ?? '', ...attrs });
  const title = input('title', article?.title, { maxlength: 200, required: true });
  const summary = h('textarea', { id: 'article-summary', name: 'summary', rows: 2, maxlength: 500 }, article?.summary || '');
  const category = h('select', { id: 'article-category', name: 'category' }, h('option', { value: '' }, '请选择栏目'),
    [...new Set(categories.map((c) => c.group))].map((group) => h('optgroup', { label: group },
      categories.filter((c) => c.group === group).map((c) => h('option', { value: c.key, selected: article?.category?.key === c.key }, c.name)))));
  const tags = input('tags', (article?.tags || []).join(','), { placeholder: '用逗号分隔,例如:大模型,芯片' });
  const coverImage = input('coverImage', article?.coverImage, { type: 'url', placeholder: 'https://…' });
  // The file a 资源中心 article offers for download (leads get the link by mail); kept on every save.
  const attachment = input('attachment', article?.attachment, { maxlength: 100, placeholder: '例如 ai-landing-guide.pdf' });
  const author = input('author', article?.author?.name, { maxlength: 60, placeholder: 'AccessPath 编辑部' });
  const slug = input('slug', article?.slug, { maxlength: 80, placeholder: '留空则按标题自动生成', disabled: article?.status === 'PUBLISHED' });
  const sources = h('textarea', { id: 'article-sources', name: 'sources', rows: 2, placeholder: '每行一个:来源名称 | https://…' },
    (article?.sources || []).map((s) => `${s.name} | ${s.url}`).join('\n'));
  const body = h('textarea', { id: 'article-body', name: 'body', rows: 16, class: 'mono' }, article?.body || '<p></p>');
  const publishAt = h('input', { type: 'datetime-local', id: 'publish-at', name: 'publishAt' });
  const error = formError();
  const preview = h('div', { class: 'panel preview', id: 'preview', hidden: true });

  const request = () => {
    const lines = sources.value.split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      title: title.value.trim(),
      summary: summary.value.trim() || null,
      body: body.value,
      category: category.value,
      tags: tags.value.split(/[,,]/).map((t) => t.trim()).filter(Boolean),
      coverImage: coverImage.value.trim() || null,
      attachment: attachment.value.trim() || null,
      author: author.value.trim() ? { name: author.value.trim() } : null,
      sources: lines.map((l) => {
        const [name, url] = l.split('|').map((p) => p.trim());
        return { name, url };
      }),
      ...(!article || article.status !== 'PUBLISHED' ? { slug: slug.value.trim() || null } : {}),
    };
  };

  const form = h('form', { class: 'editor-form', id: 'article-form', novalidate: true },
    field('标题', 'title', title, { required: true }),
    field('摘要', 'summary', summary, { hint: '显示在列表和分享卡片中,500 字以内' }),
    h('div', { class: 'field-row' },
      field('栏目', 'category', category, { required: true }),
      field('标签', 'tags', tags)),
    h('div', { class: 'field-row' },
      field('封面图片地址', 'coverImage', coverImage),
      field('作者', 'author', author)),
    h('div', { class: 'field-row' },
      field('链接标识(slug)', 'slug', slug, { hint: article?.status === 'PUBLISHED' ? '已发布文章的链接不再变化' : null }),
      field('信息来源', 'sources', sources)),
    field('下载附件(文件 ID,仅资源中心文章)', 'attachment', attachment, { hint: '读者留资后,下载链接会发到其邮箱' }),
    field('正文(HTML)', 'body', body, { required: true, hint: '保存时会清除脚本与不安全的链接' }),
    error);

  const saveButton = h('button', { type: 'button', class: 'button', id: 'save' }, '保存');
  const previewButton = h('button', { type: 'button', class: 'button button-ghost', id: 'preview-button' }, '预览');
  const publishButton = h('button', { type: 'button', class: 'button button-accent', id: 'publish-now' }, '立即发布');
  const scheduleButton = h('button', { type: 'button', class: 'button button-ghost', id: 'schedule' }, '定时发布');
  const archiveButton = h('button', { type: 'button', class: 'button button-danger', id: 'archive' }, '下线');

  const reloadOffer = () => h('span', {}, '这篇文章刚被其他人修改过,你的保存没有生效。',
    h('button', { type: 'button', class: 'link-button', id: 'reload', onclick: () => location.reload() }, '重新加载最新版本'),
    '(未保存的修改会丢失,可先复制正文)');

  /** Saves, and returns the saved article (or null when it could not be saved; the form says why). */
  async function save() {
    clearErrors(form);
    try {
      const result = article
        ? await api(`/api/admin/articles/${article.id}`, { method: 'PUT', auth: true, headers: { 'If-Match': etag }, body: request() })
        : await api('/api/admin/articles', { method: 'POST', auth: true, body: request() });
      if (!article) {
        sessionStorage.setItem('accesspath.editor.notice', '已保存为草稿');
        location.replace(`/console/articles/${result.data.id}`);
        return null;
      }
      article = result.data;
      etag = result.etag;
      return article;
    } catch (problem) {
      if (problem.status === 412) {
        error.replaceChildren(reloadOffer());
        error.hidden = false;
      } else if (!signInAgainOn401(main, ['EDITOR'], problem)) {
        showProblem(form, Object.assign(problem, { message: problem.fieldErrors?.length ? problem.message : explain(problem, '这篇文章') }));
      }
      return null;
    }
  }

  async function publish(at) {
    if (!(await save())) return;
    try {
      const result = await api(`/api/admin/articles/${article.id}/publish`, { method: 'POST', auth: true, body: at ? { publishAt: at } : {} });
      sessionStorage.setItem('accesspath.editor.notice', result.data.status === 'SCHEDULED'
        ? `已定时发布:${dateTime(result.data.publishedAt)}` : '已发布,读者现在可以看到这篇文章');
      location.reload();
    } catch (problem) {
      showProblem(form, Object.assign(problem, { message: explain(problem, '这篇文章') }));
    }
  }

  saveButton.addEventListener('click', async () => {
    if (await save()) {
      toast('已保存');
      statusBadge.textContent = label(ARTICLE_STATUSES, article.status);
    }
  });
  publishButton.addEventListener('click', () => publish(null));
  scheduleButton.addEventListener('click', () => {
    if (!publishAt.value) {
      error.textContent = '请先选择发布时间。';
      error.hidden = false;
      publishAt.focus();
      return;
    }
    // The site shows Beijing time, so the editor schedules in it, wherever the browser is.
    publish(new Date(`${publishAt.value}:00+08:00`).toISOString());
  });
  archiveButton.addEventListener('click', async () => {
    if (!confirm('下线后读者将看不到这篇文章,确定下线吗?')) return;
    try {
      await api(`/api/admin/articles/${article.id}`, { method: 'DELETE', auth: true });
      sessionStorage.setItem('accesspath.editor.notice', '文章已下线');
      location.reload();
    } catch (problem) {
      showProblem(form, Object.assign(problem, { message: explain(problem, '这篇文章') }));
    }
  });
  previewButton.addEventListener('click', () => {
    const draft = request();
    const content = h('div', { class: 'article-body' });
    // The editor's own text, shown before the server sanitises it: the page's CSP still runs no inline script.
    content.innerHTML = draft.body;
    content.querySelectorAll('script, iframe, object, embed').forEach((e) => e.remove());
    show(preview, h('p', { class: 'kicker' }, '预览'), h('h1', {}, draft.title || '(无标题)'),
      draft.summary ? h('p', { class: 'article-summary' }, draft.summary) : null, content);
    preview.hidden = false;
    preview.scrollIntoView({ behavior: 'smooth' });
  });

  const statusBadge = h('span', { class: `status status-${article?.status || 'DRAFT'}`, id: 'article-status' }, label(ARTICLE_STATUSES, article?.status || 'DRAFT'));
  show(main,
    h('nav', { class: 'breadcrumb' }, h('a', { href: '/console/articles' }, '文章管理'), ' / ', article ? '编辑' : '新建'),
    notice ? h('p', { class: 'notice notice-ok', role: 'status', id: 'editor-notice' }, notice) : null,
    h('div', { class: 'console-head' }, h('h1', {}, article ? article.title : '新建文章'), statusBadge,
      article?.status === 'PUBLISHED' ? h('a', { href: `/articles/${article.slug}`, target: '_blank' }, '在网站上查看 ↗') : null),
    article?.status === 'SCHEDULED' ? h('p', { class: 'notice' }, `将于 ${dateTime(article.publishedAt)} 自动发布`) : null,
    form,
    h('div', { class: 'editor-actions' }, saveButton, previewButton,
      article && article.status !== 'PUBLISHED' ? [publishButton, h('span', { class: 'schedule' }, h('label', { for: 'publish-at', class: 'muted small' }, '北京时间'), publishAt, scheduleButton)] : null,
      article && article.status !== 'ARCHIVED' ? archiveButton : null,
      !article ? h('span', { class: 'muted small' }, '先保存为草稿,再发布') : null),
    preview);
}
