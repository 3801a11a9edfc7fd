// 编辑文章: write in the rich-text editor (or its HTML), pick the cover from the media library, preview the article as
// the site shows it, save (with the version it was loaded at), publish now or at a time, archive, make it the 头条,
// and go back to an earlier version. Unsaved edits are kept in this browser every few seconds and offered back when
// the article is opened again; leaving with unsaved edits asks first.
import { h, show, setTitle, dateTime, toast, label, timeAgo } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, signInAgainOn401, problemText } from '../lib/console.js';
import { field, formError, clearErrors, showProblem } from '../lib/forms.js';
import { ARTICLE_STATUSES, leaves } from '../lib/editorial.js';
import { richText } from '../lib/richtext.js';
import { uploadMedia, pickMedia, thumbnail } from '../lib/media.js';
import { showArticle } from '../lib/article-preview.js';
import { keptDraft, autosave } from '../lib/drafts.js';
import { revisionsPanel } from '../lib/revisions.js';
import { featuredToggle } from '../lib/featured.js';

const ROLES = ['EDITOR'];
const NOTICE = 'accesspath.editor.notice';

/** The form's fields for an article (or empty ones for a new article): what the editor shows and the draft keeps. */
const fieldsOf = (a) => ({
  title: a?.title ?? '',
  summary: a?.summary ?? '',
  category: a?.category?.key ?? '',
  tags: (a?.tags || []).join(','),
  coverImage: a?.coverImage ?? '',
  attachment: a?.attachment ?? '',
  author: a?.author?.name ?? '',
  slug: a?.slug ?? '',
  sources: (a?.sources || []).map((s) => `${s.name} | ${s.url}`).join('\n'),
  body: a?.body || '<p></p>',
});

export async function render(main, { id }) {
  if (!requireRole(main, ROLES)) return;
  const { data: tree } = await api('/api/categories');
  const categories = leaves(tree);
  let article = null;
  let etag = null;
  if (id) {
    try {
      ({ data: article, etag } = await api(`/api/admin/articles/${encodeURIComponent(id)}`, { auth: true }));
    } catch (error) {
      if (signInAgainOn401(main, ROLES, error)) return;
      throw error;
    }
  }
  setTitle(article ? `编辑 · ${article.title}` : '新建文章');
  const notice = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  const loaded = fieldsOf(article);

  const input = (name, attrs = {}) => h('input', { id: `article-${name}`, name, value: loaded[name], ...attrs });
  const title = input('title', { maxlength: 200, required: true });
  const summary = h('textarea', { id: 'article-summary', name: 'summary', rows: 2, maxlength: 500 }, loaded.summary);
  const category = h('select', { id: 'article-category', name: 'category' }, h('option', { value: '' }, '请选择栏目'),
    [...new Set(categories.map((c) => c.group))].map((group) => h('optgroup', { label: group },
      categories.filter((c) => c.group === group).map((c) => h('option', { value: c.key, selected: loaded.category === c.key }, c.name)))));
  const tags = input('tags', { placeholder: '用逗号分隔,例如:大模型,芯片' });
  const coverImage = input('coverImage', { inputmode: 'url', maxlength: 500, placeholder: '从媒体库选择,或填写 https://… 网址' });
  // The file a 资源中心 article offers for download (leads get the link by mail); kept on every save.
  const attachment = input('attachment', { maxlength: 100, placeholder: '例如 ai-landing-guide.pdf' });
  const author = input('author', { maxlength: 60, placeholder: 'AccessPath 编辑部' });
  // A published article's slug may change: its old links keep working (the site and the API redirect them).
  const published = article?.status === 'PUBLISHED';
  const slug = input('slug', { maxlength: 80, placeholder: '留空则按标题自动生成' });
  const sources = h('textarea', { id: 'article-sources', name: 'sources', rows: 2, placeholder: '每行一个:来源名称 | https://…' }, loaded.sources);
  const body = h('textarea', { id: 'article-body', name: 'body', rows: 16, class: 'mono', spellcheck: 'false' }, loaded.body);
  const publishAt = h('input', { type: 'datetime-local', id: 'publish-at', name: 'publishAt' });
  const error = formError();

  // The cover: a media library path (/media/…) or an http(s) address, with a picture of it.
  const coverPreview = h('img', { class: 'cover-preview', id: 'cover-preview', alt: '封面预览', hidden: true });
  coverPreview.addEventListener('error', () => { coverPreview.hidden = true; });
  const showCover = (src) => {
    coverPreview.hidden = !src;
    if (src) coverPreview.src = src;
    else coverPreview.removeAttribute('src');
  };
  const coverPick = h('button', { type: 'button', class: 'button button-ghost button-small', id: 'cover-pick' }, '从媒体库选择');
  const coverClear = h('button', { type: 'button', class: 'link-button', id: 'cover-clear' }, '移除封面');
  coverImage.addEventListener('change', () => showCover(coverImage.value.trim()));
  coverPick.addEventListener('click', async () => {
    const item = await pickMedia({ title: '选择封面图片' });
    if (!item) return;
    coverImage.value = item.url;
    showCover(thumbnail(item, 640));
    changed();
  });
  coverClear.addEventListener('click', () => {
    coverImage.value = '';
    showCover('');
    changed();
    coverImage.focus();
  });
  const coverField = field('封面图片', 'coverImage', coverImage, { hint: '媒体库中的图片,或以 https:// 开头的网址' });
  coverField.append(h('div', { class: 'cover-tools' }, coverPick, coverClear), coverPreview);

  const bodyField = field('正文', 'body', body, { required: true, hint: '可直接粘贴或拖入图片,会自动上传到媒体库;保存时会清除脚本与不安全的链接。' });
  const form = h('form', { class: 'editor-form', id: 'article-form', novalidate: true },
    field('标题', 'title', title, { required: true }),
    field('摘要', 'summary', summary, { hint: '显示在列表和分享卡片中,500 字以内' }),
    h('div', { class: 'field-row' },
      field('栏目', 'category', category, { required: true }),
      field('标签', 'tags', tags)),
    coverField,
    h('div', { class: 'field-row' },
      field('作者', 'author', author),
      field('链接标识(slug)', 'slug', slug, { hint: published ? '修改后,旧链接会自动跳转到新链接' : null })),
    h('div', { class: 'field-row' },
      field('信息来源', 'sources', sources),
      field('下载附件(文件 ID,仅资源中心文章)', 'attachment', attachment, { hint: '读者留资后,下载链接会发到其邮箱' })),
    bodyField,
    error);

  let rich = null;
  /** The form as it is now, in the shape of fieldsOf(). */
  const state = () => ({
    title: title.value, summary: summary.value, category: category.value, tags: tags.value, coverImage: coverImage.value,
    attachment: attachment.value, author: author.value, slug: slug.value, sources: sources.value, body: rich ? rich.value() : body.value,
  });
  const fill = (fields) => {
    title.value = fields.title;
    summary.value = fields.summary;
    category.value = fields.category;
    tags.value = fields.tags;
    coverImage.value = fields.coverImage;
    showCover(fields.coverImage);
    attachment.value = fields.attachment;
    author.value = fields.author;
    if (!slug.disabled) slug.value = fields.slug;
    sources.value = fields.sources;
    rich.setValue(fields.body);
  };

  const request = () => {
    const fields = state();
    const lines = fields.sources.split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      title: fields.title.trim(),
      summary: fields.summary.trim() || null,
      body: fields.body,
      category: fields.category,
      tags: fields.tags.split(/[,,]/).map((t) => t.trim()).filter(Boolean),
      coverImage: fields.coverImage.trim() || null,
      attachment: fields.attachment.trim() || null,
      author: fields.author.trim() ? { name: fields.author.trim() } : null,
      sources: lines.map((l) => {
        const [name, url] = l.split('|').map((p) => p.trim());
        return { name, url };
      }),
      slug: fields.slug.trim() || null,
    };
  };

  // What the server has, as the form shows it: the form differs from it when there are unsaved changes.
  let baseline = null;
  const dirty = () => baseline !== null && JSON.stringify(state()) !== baseline;
  const saveState = h('span', { class: 'muted small', id: 'save-state', role: 'status' });
  const keeper = autosave(article ? article.id : 'new', () => ({ version: article?.version ?? null, fields: state() }), () => {
    const unsaved = dirty();
    saveState.textContent = unsaved ? `未保存的修改已暂存在本机(${dateTime(new Date().toISOString()).slice(11)})` : '';
    return unsaved;
  });
  function changed() {
    if (baseline === null) return;
    if (!saveState.textContent) saveState.textContent = '有未保存的修改';
    keeper.changed();
  }
  const settled = () => {
    baseline = JSON.stringify(state());
    keeper.discard();
    saveState.textContent = '';
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  // Leaving on purpose (after a save, to load a newer version) asks nothing; any other way out asks while edits are
  // unsaved, and keeps them here either way.
  let leaving = false;
  const leave = (to) => {
    keeper.flush();
    leaving = true;
    if (to) location.replace(to);
    else location.reload();
  };
  window.addEventListener('beforeunload', (event) => {
    if (leaving || !dirty()) return;
    keeper.flush();
    event.preventDefault();
    event.returnValue = '';
  });

  const saveButton = h('button', { type: 'button', class: 'button', id: 'save' }, '保存');
  const previewButton = h('button', { type: 'button', class: 'button button-ghost', id: 'preview-button', 'aria-controls': 'preview' }, '预览');
  const publishButton = h('button', { type: 'button', class: 'button button-accent', id: 'publish-now' }, '立即发布');
  const scheduleButton = h('button', { type: 'button', class: 'button button-ghost', id: 'schedule' }, '定时发布');
  const archiveButton = h('button', { type: 'button', class: 'button button-danger', id: 'archive' }, '下线');

  const reloadOffer = () => h('span', {}, '这篇文章刚被其他人修改过,你的保存没有生效。',
    h('button', { type: 'button', class: 'link-button', id: 'reload', onclick: () => leave() }, '重新加载最新版本'),
    '(你的修改已暂存在本机,重新加载后可以选择恢复)');

  const heading = h('h1', {}, article ? article.title : '新建文章');
  const statusBadge = h('span', { class: `status status-${article?.status || 'DRAFT'}`, id: 'article-status' }, label(ARTICLE_STATUSES, article?.status || 'DRAFT'));
  const featured = article ? featuredToggle(article, { words: true, id: 'featured', changed: (saved, tag) => { took(saved, tag); describe(); } }) : null;
  const describe = () => {
    heading.textContent = article.title;
    statusBadge.className = `status status-${article.status}`;
    statusBadge.textContent = label(ARTICLE_STATUSES, article.status);
    featured?.set(Boolean(article.featured));
    setTitle(`编辑 · ${article.title}`);
  };
  const took = (saved, tag) => {
    article = saved;
    etag = tag || `"${saved.version}"`;
  };

  /** Saves, and returns the saved article (or null when it could not be saved; the form says why). */
  async function save() {
    clearErrors(form);
    saveButton.disabled = true;
    try {
      const result = article
        ? await api(`/api/admin/articles/${article.id}`, { method: 'PUT', auth: true, headers: { 'If-Match': etag }, body: request() })
        : await api('/api/admin/articles', { method: 'POST', auth: true, body: request() });
      if (!article) {
        keeper.discard();
        sessionStorage.setItem(NOTICE, '已保存为草稿');
        leaving = true;
        location.replace(`/console/articles/${result.data.id}`);
        return null;
      }
      took(result.data, result.etag);
      rich.stored(article.body);
      settled();
      describe();
      revisions?.refresh();
      return article;
    } catch (problem) {
      keeper.flush();
      if (problem.status === 412) {
        error.replaceChildren(reloadOffer());
        error.hidden = false;
      } else if (!signInAgainOn401(main, ROLES, problem)) {
        showProblem(form, Object.assign(problem, { message: problem.fieldErrors?.length ? problem.message : problemText(problem, '这篇文章') }));
      }
      return null;
    } finally {
      saveButton.disabled = false;
    }
  }

  async function publish(at) {
    if (!(await save())) return;
    try {
      const result = await api(`/api/admin/articles/${article.id}/publish`, { method: 'POST', auth: true, body: at ? { publishAt: at } : {} });
      sessionStorage.setItem(NOTICE, result.data.status === 'SCHEDULED'
        ? `已定时发布:${dateTime(result.data.publishedAt)}` : '已发布,读者现在可以看到这篇文章');
      leave();
    } catch (problem) {
      showProblem(form, Object.assign(problem, { message: problemText(problem, '这篇文章') }));
    }
  }

  saveButton.addEventListener('click', async () => {
    if (await save()) toast('已保存');
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
      sessionStorage.setItem(NOTICE, '文章已下线');
      leave();
    } catch (problem) {
      showProblem(form, Object.assign(problem, { message: problemText(problem, '这篇文章') }));
    }
  });

  // 预览: the form (or a revision) as the site shows it.
  const previewCaption = h('p', { class: 'kicker', id: 'preview-caption' });
  const previewActions = h('div', { class: 'preview-actions' });
  const previewFrame = h('iframe', { class: 'preview-frame', title: '文章预览(网站上的样子)', sandbox: 'allow-same-origin' });
  const preview = h('section', { class: 'panel preview', id: 'preview', hidden: true, 'aria-labelledby': 'preview-caption', tabindex: '-1' },
    h('div', { class: 'preview-head' }, previewCaption, previewActions,
      h('button', { type: 'button', class: 'link-button', id: 'preview-close', onclick: () => { preview.hidden = true; previewButton.focus(); } }, '关闭预览')),
    previewFrame);
  const showPreview = (shown, caption, ...actions) => {
    previewCaption.textContent = caption;
    show(previewActions, ...actions);
    showArticle(previewFrame, shown);
    preview.hidden = false;
    preview.scrollIntoView({ behavior: 'smooth', block: 'start' });
    preview.focus({ preventScroll: true });
  };
  previewButton.addEventListener('click', () => {
    const draft = request();
    showPreview({
      ...draft,
      category: categories.find((c) => c.key === draft.category) || null,
      publishedAt: article?.publishedAt,
    }, '预览:当前编辑的内容(尚未保存的修改也在内),按网站样式显示');
  });

  const revisions = article ? revisionsPanel(main, {
    current: () => article,
    hasUnsavedChanges: dirty,
    view: (old, entry, restore) => showPreview(old, `修订 #${entry.revision}(版本 ${entry.version})· ${entry.editor || '未知编辑'} · 保存于 ${dateTime(entry.savedAt)}`,
      restore ? h('button', { type: 'button', class: 'button button-small', id: 'preview-restore', onclick: restore }, '恢复此版本') : null),
    restored: (saved, tag, entry) => {
      took(saved, tag);
      fill(fieldsOf(saved));
      settled();
      describe();
      preview.hidden = true;
      revisions.refresh();
      toast(`已恢复修订 #${entry.revision} 的内容,保存为版本 ${saved.version}`);
    },
    stale: () => leave(),
  }) : null;

  const draftOffer = h('div', { class: 'notice draft-offer', id: 'draft-offer', role: 'region', 'aria-label': '未保存的草稿', hidden: true });
  show(main,
    h('nav', { class: 'breadcrumb' }, h('a', { href: '/console/articles' }, '文章管理'), ' / ', article ? '编辑' : '新建'),
    notice ? h('p', { class: 'notice notice-ok', role: 'status', id: 'editor-notice' }, notice) : null,
    draftOffer,
    h('div', { class: 'console-head' }, heading, statusBadge, featured?.button,
      article?.status === 'PUBLISHED' ? h('a', { href: `/articles/${article.slug}`, target: '_blank' }, '在网站上查看 ↗') : null),
    article?.status === 'SCHEDULED' ? h('p', { class: 'notice' }, `将于 ${dateTime(article.publishedAt)} 自动发布`) : null,
    h('div', { class: article ? 'article-editor' : 'article-editor single' },
      h('div', { class: 'article-editor-main' },
        form,
        h('div', { class: 'editor-actions' }, saveButton, previewButton,
          article && article.status !== 'PUBLISHED' ? [publishButton, h('span', { class: 'schedule' }, h('label', { for: 'publish-at', class: 'muted small' }, '北京时间'), publishAt, scheduleButton)] : null,
          article && article.status !== 'ARCHIVED' ? archiveButton : null,
          !article ? h('span', { class: 'muted small' }, '先保存为草稿,再发布') : null,
          saveState),
        preview),
      revisions ? h('aside', { class: 'article-editor-aside' }, revisions.element) : null));

  // The editor needs its textarea in the page.
  rich = richText(body, {
    label: '正文',
    onChange: changed,
    uploadImage: (file, name) => uploadMedia(file, name).catch((problem) => {
      throw new Error(problemText(problem, '图片'));
    }),
    pickImage: () => pickMedia({ title: '插入图片' }),
  });
  body.before(rich.tools);
  showCover(loaded.coverImage);
  revisions?.refresh();
  await rich.ready;
  baseline = JSON.stringify(state());
  offerKeptDraft();

  /** A draft kept here that differs from the server's article: restore it or throw it away. */
  function offerKeptDraft() {
    const kept = keptDraft(article ? article.id : 'new');
    if (!kept) return;
    if (JSON.stringify({ ...fieldsOf(null), ...kept.fields }) === baseline) {
      keeper.discard();
      return;
    }
    const older = article && kept.version !== null && kept.version !== article.version;
    show(draftOffer,
      h('p', {}, '这台电脑上暂存着未保存的修改(', timeAgo(kept.savedAt), '),与服务器上的版本不同。',
        older ? `注意:暂存时是版本 ${kept.version},服务器上现在是版本 ${article.version},有人在此期间保存过。` : null),
      h('div', { class: 'draft-actions' },
        h('button', { type: 'button', class: 'button button-small', id: 'restore-draft', onclick: () => {
          fill({ ...fieldsOf(null), ...kept.fields });
          draftOffer.hidden = true;
          saveState.textContent = '已恢复暂存的修改,尚未保存';
          keeper.changed();
          title.focus();
        } }, '恢复未保存的草稿'),
        h('button', { type: 'button', class: 'button button-ghost button-small', id: 'discard-draft', onclick: () => {
          keeper.discard();
          draftOffer.hidden = true;
          toast('已丢弃暂存的修改');
        } }, '丢弃')));
    draftOffer.hidden = false;
  }
}
