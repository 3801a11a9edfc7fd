// 邮件订阅 for editors: the subscribers by state, the recent digests with their progress (read again every few
// seconds while one is sending and the tab is in view), and sending this period's digest by hand.
import { h, show, setTitle, count, label, timeAgo, toast, openModal } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { requireRole, signInAgainOn401, problemText } from '../lib/console.js';
import {
  FREQUENCIES, DIGEST_STATUSES, exact, periodName, currentPeriodId, digestProgress, digestAddress, digestName, refresher,
} from '../lib/newsletter.js';

const ROLES = ['EDITOR'];

export async function render(main) {
  if (!requireRole(main, ROLES)) return;
  setTitle('邮件订阅');
  const stats = h('div', { class: 'stat-cards', id: 'newsletter-stats', 'aria-busy': 'true' });
  const digests = digestTable(main);
  const start = startForm(main, digests);
  show(main,
    h('div', { class: 'console-head' }, h('h1', {}, '邮件订阅')),
    stats,
    start,
    h('section', { class: 'console-newsletter-digests', 'aria-labelledby': 'digests-title' },
      h('h2', { id: 'digests-title' }, '最近的摘要'),
      h('p', { class: 'muted small' }, '最近 20 期,最新的在前。发送中的摘要每隔几秒自动刷新进度。'),
      digests.table, digests.status));
  digests.finished = () => loadStats(main, stats);
  await Promise.all([loadStats(main, stats), digests.poll.now()]);
}

async function loadStats(main, stats) {
  try {
    const { data } = await api('/api/admin/newsletter/stats', { auth: true });
    show(stats,
      card('confirmed', '已确认订阅', data.confirmed, '确认邮件中的链接后开始收到摘要'),
      card('pending', '待确认', data.pending, '已提交邮箱,尚未点击确认链接'),
      card('unsubscribed', '已退订', data.unsubscribed, '累计退订,不再发送任何邮件'),
      card('wechat', '公众号关注', data.wechatFollowers, '公众号当前的关注人数'));
  } catch (error) {
    if (signInAgainOn401(main, ROLES, error)) return;
    show(stats, h('p', { class: 'notice notice-error', role: 'alert' }, problemText(error, '订阅统计')));
  } finally {
    stats.removeAttribute('aria-busy');
  }
}

function card(id, title, value, note) {
  return h('div', { class: 'panel stat-card' }, h('h2', {}, title),
    h('p', { class: 'stat-value', id: `stat-${id}`, title: `${exact(value)} 人` }, count(value ?? 0)),
    h('p', { class: 'muted small' }, note));
}

/**
 * The recent digests' table. Rows stay the same elements when the numbers change (a focused link keeps the focus);
 * a new digest comes in at the top.
 */
function digestTable(main) {
  const rows = h('tbody', {});
  const status = h('p', { class: 'muted small', role: 'status', id: 'digests-status' });
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'digests' },
    h('caption', { class: 'visually-hidden' }, '最近的摘要及发送进度'),
    h('thead', {}, h('tr', {}, ['期次', '状态', '发送进度', '已发送', '失败', '未发送', '退订', '点击', '开始时间']
      .map((t) => h('th', { scope: 'col', class: ['期次', '状态', '发送进度', '开始时间'].includes(t) ? null : 'num' }, t)))),
    rows));
  const shown = new Map();
  const list = { table, status, known: (id) => shown.get(id)?.digest, finished: () => {} };

  function row(digest) {
    const cells = Object.fromEntries(['sent', 'failed', 'skipped', 'unsubscribed', 'clicks'].map((k) => [k, h('td', { class: `num ${k}` })]));
    const badge = h('span', { class: 'status' });
    const progress = digestProgress(digest, { id: `progress-${digest.id}` });
    const tr = h('tr', { dataset: { id: digest.id } },
      h('th', { scope: 'row' }, h('a', { href: digestAddress(digest.id) }, periodName(digest.id)),
        h('span', { class: 'muted small digest-frequency' }, label(FREQUENCIES, digest.frequency))),
      h('td', {}, badge),
      h('td', { class: 'progress-cell' }, progress.element),
      cells.sent, cells.failed, cells.skipped, cells.unsubscribed, cells.clicks,
      h('td', { class: 'nowrap' }, timeAgo(digest.startedAt)));
    const update = (d) => {
      badge.className = `status status-${d.status}`;
      badge.textContent = label(DIGEST_STATUSES, d.status);
      tr.dataset.status = d.status;
      progress.update(d);
      for (const [key, cell] of Object.entries(cells)) cell.textContent = exact(d[key]);
      cells.skipped.title = '地址因退信或投诉已停发,或在轮到前已退订';
      cells.clicks.title = '本期各链接的总点击次数(同一人多次点击计多次)';
    };
    update(digest);
    return { tr, update, digest };
  }

  async function load() {
    let data;
    try {
      ({ data } = await api('/api/admin/newsletter/digests', { auth: true }));
    } catch (error) {
      if (signInAgainOn401(main, ROLES, error)) return false;
      const passing = error.status === 0 || error.status === 429 || error.status >= 500;
      const wasRunning = [...shown.values()].some((s) => s.digest.status === 'RUNNING');
      status.textContent = `${problemText(error, '摘要列表')}${passing && wasRunning ? '稍后自动重试。' : ''}`;
      return passing && wasRunning;
    }
    let before = null;
    const ids = new Set(data.map((d) => d.id));
    for (const [id, old] of shown) {
      if (!ids.has(id)) {
        old.tr.remove();
        shown.delete(id);
      }
    }
    const ended = [];
    for (const digest of data) {
      const old = shown.get(digest.id);
      if (old) {
        if (old.digest.status === 'RUNNING' && digest.status === 'DONE') ended.push(digest);
        old.update(digest);
        old.digest = digest;
        before = old.tr;
      } else {
        const fresh = row(digest);
        shown.set(digest.id, fresh);
        if (before) before.after(fresh.tr);
        else rows.prepend(fresh.tr);
        before = fresh.tr;
      }
    }
    const running = data.filter((d) => d.status === 'RUNNING');
    // The status line is read out when its words change: what happened, not every refresh.
    let words = running.length ? `${running.length} 期正在发送,进度自动刷新。` : `共 ${data.length} 期。`;
    if (data.length === 0) words = '还没有发送过摘要。';
    if (ended.length) {
      words = `${ended.map((d) => digestName(d.id, d.frequency)).join('、')}已发送完成。`;
      list.finished();
    }
    if (status.textContent !== words) status.textContent = words;
    return running.length > 0;
  }

  list.poll = refresher(load);
  return list;
}

/** "发送本期摘要": a frequency, then a confirmation naming the period and what happens to those already sent. */
function startForm(main, digests) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const notice = h('p', { class: 'notice notice-ok', role: 'status', id: 'digest-started', hidden: true });
  const button = h('button', { type: 'submit', class: 'button button-accent', id: 'digest-start' }, '发送本期摘要…');
  const choices = FREQUENCIES.map(([key, words], i) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'frequency', value: key, checked: i === 0, id: `digest-frequency-${key}` }),
    ` ${words}`, h('span', { class: 'muted small' }, `(${key === 'daily' ? '今天' : '本周'}这一期)`)));
  const form = h('form', { class: 'panel digest-start', id: 'digest-form', 'aria-labelledby': 'digest-form-title', novalidate: true },
    h('h2', { id: 'digest-form-title' }, '手动发送摘要'),
    h('p', { class: 'muted small' }, '摘要会按计划自动发送(每日快讯每天、每周精选每周一)。需要提前或补发时可在这里手动发起:',
      '同一期(每日快讯为当天,每周精选为当周)无论发起几次都是同一期,每位订阅者只会收到一次。'),
    h('fieldset', { class: 'choices' }, h('legend', {}, '发送给'), choices),
    error, h('div', { class: 'editor-actions' }, button), notice);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    notice.hidden = true;
    const frequency = new FormData(form).get('frequency');
    const expected = currentPeriodId(frequency);
    const earlier = digests.known(expected);
    if (!(await confirmSend(frequency, expected, earlier))) return;
    button.disabled = true;
    try {
      const { data } = await api('/api/admin/newsletter/digests', { method: 'POST', auth: true, body: { frequency } });
      const again = Boolean(digests.known(data.id));
      const name = digestName(data.id, frequency);
      show(notice, again
        ? `${name}此前已经发起过:这次没有重复发送给任何人,下表是它的进度。`
        : `${name}已开始发送,进度见下表。`, ' ', h('a', { href: digestAddress(data.id) }, '查看详情'));
      notice.hidden = false;
      toast(again ? '本期已发起过,没有重复发送' : '已开始发送');
      await digests.poll.now();
    } catch (problem) {
      if (signInAgainOn401(main, ROLES, problem)) return;
      error.textContent = problemText(problem, '摘要');
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

let dialogs = 0;

/**
 * A modal dialog (Esc cancels) asking before mail goes out to every subscriber of the frequency. Resolves true on "确认发送"; 取消 has the focus first.
 */
function confirmSend(frequency, periodId, earlier) {
  return new Promise((resolve) => {
    const id = `confirm-dialog-${++dialogs}`;
    const words = label(FREQUENCIES, frequency);
    let confirmed = false;
    const cancel = h('button', { type: 'button', class: 'button button-ghost', id: 'digest-cancel', autofocus: true }, '取消');
    const send = h('button', { type: 'button', class: 'button button-accent', id: 'digest-confirm' }, '确认发送');
    const dialog = h('dialog', { class: 'confirm-dialog', id, 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` },
      h('h2', { id: `${id}-title` }, `发送${digestName(periodId, frequency)}?`),
      h('div', { id: `${id}-text` },
        h('p', {}, `将立即向所有选择“${words}”的已确认订阅者发送本期摘要邮件,发出后无法撤回。`),
        earlier
          ? h('p', { class: 'notice' }, `这一期已经发起过(${label(DIGEST_STATUSES, earlier.status)},已发送 ${exact(earlier.sent)} 封)。`,
            '再次发起不会重复发送给任何人,只会继续发送尚未发出的部分。')
          : h('p', { class: 'muted' }, '同一期重复发起不会重复发送:每位订阅者只收到一次。')),
      h('div', { class: 'editor-actions' }, send, cancel));
    cancel.addEventListener('click', () => dialog.close());
    send.addEventListener('click', () => {
      confirmed = true;
      dialog.close();
    });
    openModal(dialog, () => resolve(confirmed));
    cancel.focus();
  });
}
