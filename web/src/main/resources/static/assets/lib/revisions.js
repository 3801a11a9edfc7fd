// 历史版本 of an article (API.md "Revisions"): every save keeps one; an editor views one as the site would show it and
// restores it as a new version (If-Match: the version on screen, so nobody's later save is lost unseen).
import { h, show, timeAgo } from './dom.js';
import { api } from './api.js';
import { signInAgainOn401, problemText } from './console.js';

/**
 * The panel. current() → the article as on screen ({id, version}); view(article, entry, restore) shows a revision
 * (restore null for the newest, which is the content as it is);
 * restored(article, etag) takes the restored article; stale() offers the newest version (someone else saved).
 */
export function revisionsPanel(main, { current, view, restored, stale, hasUnsavedChanges }) {
  const list = h('ol', { class: 'revision-list', id: 'revision-list' });
  const status = h('p', { class: 'muted small', role: 'status' });
  const problem = h('div', { class: 'notice notice-error', role: 'alert', id: 'revisions-error', hidden: true });
  const element = h('section', { class: 'panel revisions', id: 'revisions', 'aria-labelledby': 'revisions-title' },
    h('h2', { id: 'revisions-title' }, '历史版本'),
    h('p', { class: 'muted small' }, '每次保存都会留下一个版本,可以查看或恢复。'),
    problem, status, list);

  const fail = (error, words) => {
    if (signInAgainOn401(main, ['EDITOR'], error)) return;
    if (error.status === 412) {
      show(problem, '其他同事刚保存了这篇文章,恢复没有生效。',
        h('button', { type: 'button', class: 'link-button', id: 'revisions-reload', onclick: stale }, '重新加载最新版本'));
    } else {
      problem.textContent = `${words}${problemText(error, '这个版本')}`;
    }
    problem.hidden = false;
  };

  async function restore(entry) {
    const question = hasUnsavedChanges()
      ? `恢复修订 #${entry.revision} 会替换编辑区中尚未保存的修改。确定恢复吗?`
      : `确定恢复修订 #${entry.revision}(版本 ${entry.version})吗?它的内容会保存为一个新版本。`;
    if (!confirm(question)) return;
    problem.hidden = true;
    try {
      const { id, version } = current();
      const result = await api(`/api/admin/articles/${encodeURIComponent(id)}/revisions/${encodeURIComponent(entry.revision)}/restore`, {
        method: 'POST', auth: true, headers: { 'If-Match': `"${version}"` },
      });
      restored(result.data, result.etag, entry);
    } catch (error) {
      fail(error, '恢复失败:');
    }
  }

  async function open(entry) {
    problem.hidden = true;
    try {
      const { id } = current();
      const { data } = await api(`/api/admin/articles/${encodeURIComponent(id)}/revisions/${encodeURIComponent(entry.revision)}`, { auth: true });
      view(data, entry, entry.revision === newest ? null : () => restore(entry));
    } catch (error) {
      fail(error, '无法打开这个版本:');
    }
  }

  const row = (entry, isCurrent) => h('li', { dataset: { revision: entry.revision, version: entry.version }, class: isCurrent ? 'current' : null },
    h('div', { class: 'revision-head' }, h('strong', {}, `修订 #${entry.revision}`), h('span', { class: 'muted small' }, `版本 ${entry.version}`),
      isCurrent ? h('span', { class: 'status status-PUBLISHED' }, '当前内容') : null),
    h('div', { class: 'muted small' }, entry.editor || '未知编辑', ' · ', timeAgo(entry.savedAt),
      entry.restoredFrom ? ` · 恢复自修订 #${entry.restoredFrom}` : null),
    h('div', { class: 'revision-title' }, entry.title),
    h('div', { class: 'revision-actions' },
      h('button', { type: 'button', class: 'link-button view-revision', onclick: () => open(entry), 'aria-label': `查看修订 #${entry.revision}` }, '查看'),
      isCurrent ? null : h('button', { type: 'button', class: 'link-button restore-revision', onclick: () => restore(entry), 'aria-label': `恢复修订 #${entry.revision}` }, '恢复此版本')));

  let newest = null;

  async function refresh() {
    const article = current();
    if (!article) return;
    try {
      const { data } = await api(`/api/admin/articles/${encodeURIComponent(article.id)}/revisions`, { auth: true });
      const entries = Array.isArray(data) ? data : (data.items || []);
      // Newest first: the newest revision holds the content as it is now (publishing or the 头条 change the version,
      // not the content).
      list.replaceChildren(...entries.map((entry, i) => row(entry, i === 0)));
      newest = entries[0]?.revision ?? null;
      status.textContent = entries.length ? `共 ${entries.length} 个版本` : '还没有保存过的版本。';
    } catch (error) {
      if (!signInAgainOn401(main, ['EDITOR'], error)) status.textContent = `历史版本暂时无法读取:${problemText(error, '历史版本')}`;
    }
  }

  return { element, refresh };
}
