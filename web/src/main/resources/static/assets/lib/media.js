// The media library (article-service, API.md "Media library"): uploads, and a dialog to pick an image from it.
import { h, timeAgo, openModal } from './dom.js';
import { api } from './api.js';
import { problemText } from './console.js';

export const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';

/** Stores a file in the library: the 201's {id, url, contentType, bytes, width, height, renditions}. */
export async function uploadMedia(file, name) {
  const form = new FormData();
  form.append('file', file, name || file.name || 'image');
  const { data } = await api('/api/admin/media', { method: 'POST', auth: true, body: form });
  return data;
}

/** The smallest of the item's sizes at least `width` wide (the original when none is): for thumbnails. */
export function thumbnail(item, width = 320) {
  const renditions = [...(item.renditions || [])].sort((a, b) => a.width - b.width);
  return (renditions.find((r) => r.width >= width) || renditions[renditions.length - 1] || item).url;
}

let dialogCount = 0;

/**
 * A modal dialog listing the library's images, newest first, with "加载更多" and an upload. Resolves with the chosen
 * item, or null when it is closed without one. A native <dialog>: the page behind is inert, Esc closes it, and the
 * focus goes back where it was.
 */
export function pickMedia({ title = '选择图片' } = {}) {
  return new Promise((resolve) => {
    const id = `media-dialog-${++dialogCount}`;
    let cursor = null;
    let chosen = null;
    const grid = h('ul', { class: 'media-grid', 'aria-label': '媒体库中的图片' });
    const status = h('p', { class: 'muted small', role: 'status' }, '正在加载…');
    const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const more = h('button', { type: 'button', class: 'button button-ghost', hidden: true }, '加载更多');
    const file = h('input', { type: 'file', id: `${id}-file`, accept: IMAGE_TYPES, class: 'media-file' });
    const close = h('button', { type: 'button', class: 'button button-ghost media-close', 'aria-label': '关闭' }, '×');
    const dialog = h('dialog', { class: 'media-dialog', id, 'aria-labelledby': `${id}-title` }, h('div', { class: 'media-dialog-box' },
      h('div', { class: 'media-dialog-head' }, h('h2', { id: `${id}-title` }, title), close),
      h('div', { class: 'media-upload' },
        h('label', { for: `${id}-file` }, '上传新图片(JPEG、PNG、WebP、GIF,10 MB 以内)'), file),
      problem, grid, h('div', { class: 'media-dialog-foot' }, status, more)));

    const choose = (item) => {
      chosen = item;
      dialog.close();
    };
    const tile = (item) => h('li', {},
      h('button', { type: 'button', class: 'media-item', dataset: { url: item.url }, onclick: () => choose(item),
        'aria-label': `选用 ${item.name || item.url}${item.width ? `(${item.width}×${item.height})` : ''}` },
      h('img', { src: thumbnail(item), alt: '', loading: 'lazy', width: 160, height: 120 }),
      h('span', { class: 'media-name' }, item.name || item.url.split('/').pop()),
      h('span', { class: 'muted small' }, item.width ? `${item.width}×${item.height}` : '', ' ', item.uploadedAt ? timeAgo(item.uploadedAt) : '')));

    async function load() {
      more.disabled = true;
      try {
        const { data } = await api('/api/admin/media', { auth: true, query: { limit: 30, cursor } });
        const images = data.items.filter((item) => (item.contentType || '').startsWith('image/'));
        grid.append(...images.map(tile));
        cursor = data.nextCursor;
        more.hidden = !cursor;
        status.textContent = grid.children.length ? `已显示 ${grid.children.length} 张图片` : '媒体库里还没有图片,可以先上传一张。';
      } catch (error) {
        status.textContent = '';
        problem.textContent = problemText(error, '媒体库');
        problem.hidden = false;
      } finally {
        more.disabled = false;
      }
    }

    file.addEventListener('change', async () => {
      const picked = file.files?.[0];
      if (!picked) return;
      problem.hidden = true;
      status.textContent = `正在上传 ${picked.name}…`;
      file.disabled = true;
      try {
        // Uploaded here means wanted here: it is the choice.
        choose(await uploadMedia(picked));
      } catch (error) {
        status.textContent = '';
        problem.textContent = problemText(error, '图片');
        problem.hidden = false;
      } finally {
        file.disabled = false;
        file.value = '';
      }
    });
    more.addEventListener('click', load);
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('click', (event) => {
      // A click on the backdrop (outside the box) closes it, as Esc does.
      if (event.target === dialog) dialog.close();
    });
    openModal(dialog, () => resolve(chosen));
    load();
  });
}
