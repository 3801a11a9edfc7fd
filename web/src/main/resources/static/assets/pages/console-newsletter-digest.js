// One digest: its progress (read again every few seconds while it is sending and the tab is in view), what became of
// its mails, its unsubscribes, and the clicks on each of its links. Clicks are counted per link only: nobody's clicks
// are kept (PIPL), so there is no one to list.
import { h, show, setTitle, label, dateTime, timeAgo } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, signInAgainOn401, problemText } from '../lib/console.js';
import { FREQUENCIES, DIGEST_STATUSES, exact, periodName, digestProgress, refresher } from '../lib/newsletter.js';

const ROLES = ['EDITOR'];

/** The path a link leads to ("/articles/openai-nato"), what an editor recognises; the address itself if unreadable. */
function linkPath(url) {
  try {
    const parsed = new URL(url, location.origin);
    return `${decodeURIComponent(parsed.pathname)}${parsed.search}`;
  } catch {
    return url;
  }
}

export async function render(main, { id }) {
  if (!requireRole(main, ROLES)) return;
  const name = periodName(id);
  setTitle(`摘要 ${name}`);
  const head = h('div', { class: 'console-head' }, h('h1', { id: 'digest-title' }, `摘要 ${name}`));
  const breadcrumb = h('nav', { class: 'breadcrumb', 'aria-label': '位置' }, h('a', { href: '/console/newsletter' }, '邮件订阅'), ` / ${name}`);
  const body = h('div', { class: 'console-newsletter-digest', id: 'digest', 'aria-busy': 'true' });
  const status = h('p', { class: 'muted small', role: 'status', id: 'digest-status' });
  show(main, breadcrumb, head, body, status);

  let view = null;
  async function load() {
    let digest;
    try {
      ({ data: digest } = await api(`/api/admin/newsletter/digests/${encodeURIComponent(id)}`, { auth: true }));
    } catch (error) {
      if (signInAgainOn401(main, ROLES, error)) return false;
      const passing = error.status === 0 || error.status === 429 || error.status >= 500;
      if (!view) {
        show(body, h('p', { class: 'notice notice-error', role: 'alert' }, problemText(error, '这一期摘要')),
          h('p', {}, h('a', { class: 'button button-ghost', href: '/console/newsletter' }, '回到邮件订阅')));
        return false;
      }
      status.textContent = `${problemText(error, '这一期摘要')}${passing ? '稍后自动重试。' : ''}`;
      return passing;
    } finally {
      body.removeAttribute('aria-busy');
    }
    const was = view?.digest.status;
    if (!view) {
      view = digestView(digest);
      show(body, view.element);
    }
    view.update(digest);
    let words = digest.status === 'RUNNING' ? '正在发送,进度自动刷新。' : '';
    if (was === 'RUNNING' && digest.status === 'DONE') words = '本期已发送完成。';
    if (status.textContent !== words) status.textContent = words;
    return digest.status === 'RUNNING';
  }
  await refresher(load).now();
}

function digestView(first) {
  const badge = h('span', { class: 'status', id: 'digest-state' });
  const progress = digestProgress(first, { id: 'digest-progress' });
  const numbers = {};
  const fact = (key, words, hint) => {
    numbers[key] = h('span', { class: 'fact-number', id: `digest-${key}` });
    return [h('dt', {}, words), h('dd', {}, numbers[key], hint ? h('span', { class: 'muted small fact-hint' }, hint) : null)];
  };
  const started = h('dd', { id: 'digest-started-at' });
  const finished = h('dd', { id: 'digest-finished-at' });
  const links = h('tbody', {});
  const noLinks = h('p', { class: 'muted', id: 'digest-no-clicks', hidden: true }, '本期邮件中的链接还没有被点击过。');
  const element = h('div', { class: 'digest-grid' },
    h('section', { class: 'panel', 'aria-labelledby': 'digest-progress-title' },
      h('h2', { class: 'panel-title', id: 'digest-progress-title' }, '发送进度 ', badge),
      progress.element,
      h('dl', { class: 'facts digest-facts' },
        h('dt', {}, '类型'), h('dd', {}, label(FREQUENCIES, first.frequency)),
        fact('queued', '已排队'),
        fact('sent', '已发送'),
        fact('failed', '发送失败', '多次重试后仍未能交给邮件服务器'),
        fact('skipped', '未发送', '地址因退信或投诉已停发,或在轮到前已退订'),
        h('dt', {}, '开始时间'), started,
        h('dt', {}, '完成时间'), finished)),
    h('section', { class: 'panel', 'aria-labelledby': 'digest-engagement-title' },
      h('h2', { class: 'panel-title', id: 'digest-engagement-title' }, '阅读反馈'),
      h('dl', { class: 'facts digest-facts' },
        fact('clicks', '链接点击', '本期所有链接的总点击次数,同一人多次点击计多次'),
        fact('unsubscribed', '退订', '通过本期邮件中的退订链接退订的人数')),
      h('h3', { id: 'digest-links-title' }, '各链接点击(最多显示 20 个)'),
      h('p', { class: 'muted small privacy-note', id: 'digest-privacy' },
        '点击数只按链接汇总:系统只记录每个链接被点击了多少次,不记录是谁点击的,也不为任何订阅者建立阅读档案',
        '(遵循《个人信息保护法》的最小必要原则)。'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'digest-links' },
        h('caption', { class: 'visually-hidden' }, '本期各链接的点击次数,从多到少'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '链接'), h('th', { scope: 'col', class: 'num' }, '点击'),
          h('th', { scope: 'col', class: 'num' }, '占全部点击'))),
        links)),
      noLinks));

  let shownLinks = '';
  const view = {
    element,
    digest: first,
    update(digest) {
      view.digest = digest;
      badge.className = `status status-${digest.status}`;
      badge.textContent = label(DIGEST_STATUSES, digest.status);
      element.dataset.status = digest.status;
      progress.update(digest);
      for (const [key, cell] of Object.entries(numbers)) cell.textContent = exact(digest[key]);
      show(started, timeAgo(digest.startedAt), digest.startedAt ? h('span', { class: 'muted small' }, `(${dateTime(digest.startedAt)})`) : null);
      show(finished, digest.finishedAt ? timeAgo(digest.finishedAt) : h('span', { class: 'muted' }, '尚未完成'));
      // The table is drawn again only when a count changed; a focused link keeps the focus.
      const list = digest.links || [];
      const key = JSON.stringify(list);
      if (key === shownLinks) return;
      shownLinks = key;
      const focused = links.contains(document.activeElement) ? document.activeElement.dataset.url : null;
      links.replaceChildren(...list.map((link) => h('tr', { dataset: { url: link.url } },
        h('th', { scope: 'row', class: 'link-cell' },
          // Only web addresses become links: whatever else was counted stays text.
          /^https?:\/\//i.test(link.url)
            ? h('a', { href: link.url, target: '_blank', rel: 'noopener', title: link.url, dataset: { url: link.url } }, linkPath(link.url))
            : h('span', { title: link.url }, linkPath(link.url))),
        h('td', { class: 'num' }, exact(link.clicks)),
        h('td', { class: 'num' }, digest.clicks ? `${Math.round((link.clicks / digest.clicks) * 1000) / 10}%` : '—'))));
      noLinks.hidden = list.length > 0;
      links.closest('.table-wrap').hidden = list.length === 0;
      if (focused) links.querySelector(`a[data-url="${CSS.escape(focused)}"]`)?.focus();
    },
  };
  return view;
}
