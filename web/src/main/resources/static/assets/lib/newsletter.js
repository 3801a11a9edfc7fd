// The newsletter console's shared pieces (pages/console-newsletter.js, console-newsletter-digest.js): the words for
// digests (API.md "订阅管理"), their progress bar, and a refresh that asks the API only while someone is looking.
import { h, label } from './dom.js';

/** The subscribers' words for the frequencies (the site's subscription forms say the same). */
export const FREQUENCIES = [['weekly', '每周精选'], ['daily', '每日快讯']];

export const DIGEST_STATUSES = [['RUNNING', '发送中'], ['DONE', '已完成']];

export const digestAddress = (id) => `/console/newsletter/digests/${encodeURIComponent(id)}`;

/** A count as it is, never rounded (the stat cards round): 1250 → "1,250". */
export const exact = (n) => Number(n || 0).toLocaleString('zh-CN');

/** "weekly-2026-W10" → "2026 年第 10 周", "daily-2026-11-27" → "2026-11-27"; any other id as it is. */
export function periodName(id) {
  const week = /^weekly-(\d{4})-W(\d{2})$/.exec(id || '');
  if (week) return `${week[1]} 年第 ${Number(week[2])} 周`;
  const day = /^daily-(\d{4}-\d{2}-\d{2})$/.exec(id || '');
  return day ? day[1] : id;
}

/**
 * The id the server gives this period's run (newsletter-service: the day or ISO week in Beijing time), to say before
 * sending which period it is and whether it was started already. Only words depend on it: the server decides.
 */
export function currentPeriodId(frequency, now = Date.now()) {
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  if (frequency === 'daily') return `daily-${today}`;
  // ISO 8601: the week (from Monday) that holds the year's first Thursday is week 1.
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = date.getUTCFullYear();
  const week = 1 + Math.floor((date - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `weekly-${year}-W${String(week).padStart(2, '0')}`;
}

/** "每周精选(2026 年第 10 周)": a digest as editors name it. */
export const digestName = (id, frequency) => `${label(FREQUENCIES, frequency)}(${periodName(id)})`;

/** Mails that are done with: sent, given up, or not sent (suppressed address, unsubscribed before its turn). */
export const settled = (digest) => (digest.sent || 0) + (digest.failed || 0) + (digest.skipped || 0);

/**
 * A native <progress> with its numbers beside it: settled of queued. A run still queuing its subscribers (nothing
 * queued yet) is indeterminate. update(digest) shows newer numbers in the same elements.
 */
export function digestProgress(digest, { id } = {}) {
  const bar = h('progress', { id, max: 1, 'aria-label': '发送进度' });
  const words = h('span', { class: 'progress-words' });
  const element = h('div', { class: 'digest-progress' }, bar, words);
  function update(d) {
    const queued = d.queued || 0;
    const done = Math.min(settled(d), queued);
    element.dataset.status = d.status;
    if (queued === 0) {
      if (d.status === 'RUNNING') {
        bar.removeAttribute('value');
        words.textContent = '正在排队订阅者…';
      } else {
        bar.max = 1;
        bar.value = 1;
        words.textContent = '没有需要发送的订阅者';
      }
      bar.setAttribute('aria-valuetext', words.textContent);
      return;
    }
    bar.max = queued;
    bar.value = done;
    // Rounded down: 99.9% is not yet everything.
    const percent = Math.floor((done / queued) * 100);
    words.textContent = `${percent}%(${exact(done)} / ${exact(queued)})`;
    bar.setAttribute('aria-valuetext', `已处理 ${exact(done)} 封,共 ${exact(queued)} 封,${percent}%`);
    element.dataset.percent = String(percent);
  }
  update(digest);
  return { element, update };
}

/**
 * Calls load() again `every` ms after it answers true (a run still sending), and only while the tab is visible: a
 * hidden tab or a page left sends nothing, coming back loads at once. load() handles its own errors.
 */
export function refresher(load, every = 4000) {
  let timer = null;
  let wanted = false;
  let loading = false;
  let again = false;
  const cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  const plan = () => {
    cancel();
    if (wanted && !document.hidden) timer = setTimeout(now, every);
  };
  async function now() {
    cancel();
    if (loading) {
      // What is being read may predate what the caller knows of (a digest just started): read once more after it.
      again = true;
      return;
    }
    loading = true;
    try {
      wanted = Boolean(await load());
    } finally {
      loading = false;
    }
    if (again) {
      again = false;
      now();
    } else {
      plan();
    }
  }
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) cancel();
    else if (wanted) now();
  });
  window.addEventListener('pagehide', cancel);
  // Back from the browser's page cache: the numbers there are old.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && wanted) now();
  });
  return {
    now,
    /** Refreshes later while `want` (the first load's answer). */
    keep(want) {
      wanted = Boolean(want);
      plan();
    },
  };
}
