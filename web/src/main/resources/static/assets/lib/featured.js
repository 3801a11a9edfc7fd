// 头条: the article the home page leads with (API.md: `featured`, at most one at a time; featuring one un-features
// the one before). A toggle button, in the article list and in the editor.
import { h, toast } from './dom.js';
import { api } from './api.js';
import { problemText } from './console.js';

/**
 * A ★ button (aria-pressed) for the article; changed(article, etag) gets the server's answer after a switch.
 * `words` shows "头条" beside the star (the editor); without it the star is alone (the list's column).
 */
export function featuredToggle(article, { changed = () => {}, words = false, id } = {}) {
  const button = h('button', {
    type: 'button', class: 'featured-toggle', id, dataset: { id: article.id },
    title: '头条:首页最上方的文章,同一时间只有一篇', 'aria-label': words ? null : `头条:${article.title}`,
  }, h('span', { 'aria-hidden': 'true' }, '★'), words ? h('span', {}, '头条') : null);
  const set = (on) => button.setAttribute('aria-pressed', on ? 'true' : 'false');
  set(Boolean(article.featured));
  button.addEventListener('click', async () => {
    const featured = button.getAttribute('aria-pressed') !== 'true';
    button.disabled = true;
    try {
      const { data, etag } = await api(`/api/admin/articles/${encodeURIComponent(article.id)}/featured`, {
        method: 'POST', auth: true, body: { featured },
      });
      set(Boolean(data.featured));
      toast(data.featured ? `已设为头条:${data.title}(原头条已取消)` : '已取消头条');
      changed(data, etag);
    } catch (error) {
      toast(problemText(error, '这篇文章'), 'error');
    } finally {
      button.disabled = false;
    }
  });
  return { button, set };
}
