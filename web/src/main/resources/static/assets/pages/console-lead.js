// 线索详情: who, what brought them, why the score, what they answered, the report, and the team's work on it
// (status with the next follow-up, assignee from the roster, notes, history).
import { h, show, setTitle, dateTime, label, timeAgo, duration, beijingInput, fromBeijingInput } from '../lib/dom.js';
import { api, session } from '../lib/api.js';
import { requireRole, explain, signInAgainOn401 } from '../lib/console.js';
import { STATUSES, TYPES, INDUSTRIES, SIZES, HISTORY_ACTIONS, UTM_FIELDS, nextStatuses, sourceLabel } from '../lib/leads.js';
import { roster, revealButton, contactLinks } from '../lib/sales.js';
import { radar } from '../lib/radar.js';
import { formError } from '../lib/forms.js';

export async function render(main, { id }) {
  if (!requireRole(main, ['SALES'])) return;
  const [questionnaire, team] = await Promise.all([
    api('/api/diagnosis/questionnaire').then((r) => r.data).catch(() => null),
    roster(),
  ]);
  const questions = new Map((questionnaire?.dimensions || []).flatMap((d) => d.questions.map((q) => [q.key, { dimension: d.name, ...q }])));
  let showViews = false;

  async function load(notice) {
    let lead;
    let etag;
    try {
      ({ data: lead, etag } = await api(`/api/admin/leads/${encodeURIComponent(id)}`, { auth: true }));
    } catch (error) {
      if (signInAgainOn401(main, ['SALES'], error)) return;
      throw error;
    }
    setTitle(`线索 · ${lead.company?.name || lead.contact?.name}`);
    draw(lead, etag, notice);
  }

  async function change(etag, body, success) {
    try {
      await api(`/api/admin/leads/${encodeURIComponent(id)}`, { method: 'PATCH', auth: true, headers: { 'If-Match': etag }, body });
      await load({ text: success, kind: 'ok' });
    } catch (error) {
      await load({ text: explain(error, '这条线索'), kind: 'error' });
    }
  }

  function followUpPanel(lead, etag) {
    const current = beijingInput(lead.nextFollowUpAt);
    const next = h('input', { type: 'datetime-local', id: 'next-follow-up', name: 'nextFollowUpAt', value: current });
    const problem = formError();
    // The follow-up time goes with a status move when it was changed; or on its own.
    const followUp = () => {
      if (next.value === current) return {};
      const at = fromBeijingInput(next.value);
      return at ? { nextFollowUpAt: at } : null;
    };
    const cannotClear = () => {
      problem.textContent = current && !next.value ? '跟进时间不能清空,请选择新的时间。' : '请选择有效的跟进时间。';
      problem.hidden = false;
    };
    const moves = nextStatuses(lead.status);
    const form = h('form', { class: 'follow-up-form', id: 'follow-up-form' },
      h('div', { class: 'status-moves' },
        moves.length ? moves.map((s) => h('button', {
          type: 'button', class: `button ${s === 'LOST' ? 'button-ghost' : ''}`, dataset: { move: s },
          onclick: () => {
            const extra = followUp();
            if (extra === null) return cannotClear();
            return change(etag, { status: s, ...extra }, `状态已改为“${label(STATUSES, s)}”${extra.nextFollowUpAt ? ',跟进时间已保存' : ''}`);
          },
        }, s === 'LOST' ? '标记为流失' : `标记为${label(STATUSES, s)}`)) : h('p', { class: 'muted' }, '这条线索已关闭,状态不能再变更。')),
      h('div', { class: 'inline-form' },
        h('label', { for: 'next-follow-up' }, '下次跟进(北京时间)'), next,
        h('button', { type: 'submit', class: 'button button-ghost' }, '保存跟进时间')),
      problem);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const extra = followUp();
      if (extra === null) return cannotClear();
      if (!extra.nextFollowUpAt) return load({ text: '跟进时间没有变化。', kind: 'ok' });
      return change(etag, extra, '跟进时间已保存');
    });

    const me = session.claims()?.sub;
    const people = [...team.people];
    // An assignee the roster no longer has is still shown as the lead's.
    if (lead.assignee && !people.some((p) => p.id === lead.assignee)) people.push({ id: lead.assignee, name: `${lead.assignee}(不在名单中)` });
    const assignee = h('select', { id: 'assignee', name: 'assignee' }, h('option', { value: '' }, '未分配'),
      people.map((p) => h('option', { value: p.id, selected: p.id === lead.assignee }, p.name)));
    const assignForm = h('form', { class: 'inline-form assign-form' }, h('label', { for: 'assignee' }, '负责人'), assignee,
      h('button', { type: 'submit', class: 'button button-ghost' }, '保存'),
      me && team.people.some((p) => p.id === me)
        ? h('button', { type: 'button', class: 'link-button', onclick: () => { assignee.value = me; } }, '分配给我') : null);
    assignForm.addEventListener('submit', (event) => {
      event.preventDefault();
      // "" un-assigns (null would mean "no change").
      change(etag, { assignee: assignee.value }, assignee.value ? '负责人已更新' : '已取消分配');
    });

    return h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '跟进'),
      h('dl', { class: 'facts clock' },
        h('dt', {}, '联系期限'), h('dd', {}, lead.firstContactDue ? [dateTime(lead.firstContactDue), ' ',
          lead.overdue
            ? h('span', { class: 'overdue-badge', id: 'lead-overdue' }, `已逾期 ${duration(Date.now() - Date.parse(lead.firstContactDue))}`)
            : lead.firstContactedAt ? null : h('span', { class: 'muted' }, '(', timeAgo(lead.firstContactDue), ')')] : '—'),
        h('dt', {}, '首次联系'), h('dd', {}, lead.firstContactedAt ? dateTime(lead.firstContactedAt)
          : h('span', { class: 'muted' }, lead.status === 'NEW' ? '尚未联系' : '—')),
        h('dt', {}, '下次跟进'), h('dd', {}, lead.nextFollowUpAt ? [dateTime(lead.nextFollowUpAt), ' ', h('span', { class: 'muted' }, '(', timeAgo(lead.nextFollowUpAt), ')')] : '—')),
      form, assignForm);
  }

  function contactPanel(lead) {
    const masked = [lead.contact?.phone, lead.contact?.email].some((v) => v && v.includes('*'));
    // The detail shows the contact as leads-service gives it; masked, the button asks for the whole of it.
    const reach = h('dd', { id: 'lead-contact' }, contactLinks(lead.contact));
    if (masked) reach.append(revealButton(lead, reach, '查看完整联系方式'));
    return h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '联系人与企业'),
      h('dl', { class: 'facts' },
        h('dt', {}, '联系人'), h('dd', {}, [lead.contact?.name, lead.contact?.title].filter(Boolean).join(' · ') || '—'),
        h('dt', {}, '联系方式'), reach,
        h('dt', {}, '微信'), h('dd', {}, typeof lead.contact?.wechat === 'boolean' ? (lead.contact.wechat ? '已留微信' : '—') : lead.contact?.wechat || '—'),
        h('dt', {}, '行业'), h('dd', {}, label(INDUSTRIES, lead.company?.industry)),
        h('dt', {}, '规模'), h('dd', {}, label(SIZES, lead.company?.size)),
        h('dt', {}, '地区'), h('dd', {}, lead.company?.region || '—'),
        h('dt', {}, '类型'), h('dd', {}, label(TYPES, lead.type)),
        h('dt', {}, '负责人'), h('dd', {}, team.name(lead.assignee) || h('span', { class: 'muted' }, '未分配')),
        h('dt', {}, '创建'), h('dd', {}, dateTime(lead.createdAt))));
  }

  function sourcePanel(lead) {
    const source = lead.source;
    const utm = source?.utm || {};
    const row = (term, value) => (value ? [h('dt', {}, term), h('dd', {}, value)] : null);
    const page = /^\/(?![\/\\])/.test(source?.page ?? '') ? h('a', { href: source.page, target: '_blank', rel: 'noopener' }, source.page) : source?.page;
    return h('section', { class: 'panel', id: 'lead-source' }, h('h2', { class: 'panel-title' }, '来源'),
      h('p', {}, h('strong', {}, sourceLabel(source))),
      source ? h('dl', { class: 'facts' },
        UTM_FIELDS.map(([key, words]) => row(words, utm[key])),
        row('CTA', source.cta), row('页面', page), row('来源网站', source.referrer), row('微信场景', source.wechatScene))
        : h('p', { class: 'muted' }, '没有来源信息:直接访问,或线索早于来源记录。'));
  }

  function scorePanel(lead) {
    const factors = lead.scoreFactors || [];
    return h('section', { class: 'panel', id: 'lead-score' }, h('h2', { class: 'panel-title' }, `评分 ${lead.score ?? '—'}`),
      factors.length ? h('table', { class: 'score-factors' },
        h('caption', { class: 'visually-hidden' }, '评分构成'),
        h('tbody', {}, factors.map((f) => h('tr', {}, h('td', {}, f.label), h('td', { class: 'num' }, `${f.points > 0 ? '+' : ''}${f.points}`)))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, '合计'), h('td', { class: 'num' }, factors.reduce((n, f) => n + (f.points || 0), 0)))))
        : h('p', { class: 'muted' }, '没有评分说明。'));
  }

  function historyPanel(lead) {
    const entries = [...(lead.history || [])].reverse();
    const views = entries.filter((e) => e.action === 'VIEWED').length;
    const toggle = h('input', { type: 'checkbox', id: 'history-views', checked: showViews });
    toggle.addEventListener('change', () => {
      showViews = toggle.checked;
      list.replaceWith(list = timeline());
    });
    const timeline = () => h('ol', { class: 'timeline' }, entries.filter((e) => showViews || e.action !== 'VIEWED').map((e) => h('li', {},
      h('strong', {}, HISTORY_ACTIONS[e.action] || e.action), e.detail ? ` ${e.detail.replace(/\b[A-Z]{3,}\b/g, (code) => label(STATUSES, code))}` : '',
      h('span', { class: 'muted small' }, ` · ${team.name(e.actor) || e.actor} · ${dateTime(e.at)}`))));
    let list = timeline();
    return h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '历史'),
      views ? h('label', { class: 'check small' }, toggle, ` 显示查看记录(${views} 条)`) : null,
      list);
  }

  function draw(lead, etag, notice) {
    const note = h('textarea', { id: 'note-text', name: 'text', rows: 3, maxlength: 2000, placeholder: '记录沟通情况,例如:已电话沟通,客户关注数据治理…' });
    const noteError = formError();
    const noteForm = h('form', { class: 'note-form', id: 'note-form' }, note, noteError, h('button', { type: 'submit', class: 'button' }, '添加备注'));
    noteForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!note.value.trim()) {
        noteError.textContent = '请先填写备注内容。';
        noteError.hidden = false;
        return;
      }
      try {
        await api(`/api/admin/leads/${encodeURIComponent(id)}/notes`, { method: 'POST', auth: true, body: { text: note.value.trim() } });
        await load({ text: '备注已添加', kind: 'ok' });
      } catch (error) {
        noteError.textContent = explain(error, '这条线索');
        noteError.hidden = false;
      }
    });
    const latest = [...(lead.submissions || [])].reverse().find((s) => s.report);
    const consultations = lead.consultations || [];
    show(main,
      h('nav', { class: 'breadcrumb' }, h('a', { href: '/console/leads' }, '线索管理'), ' / ', lead.company?.name || lead.contact?.name),
      notice ? h('p', { class: `notice notice-${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status', id: 'lead-notice' }, notice.text) : null,
      h('div', { class: 'console-head' },
        h('h1', {}, lead.company?.name || lead.contact?.name),
        h('span', { class: `status status-${lead.status}`, id: 'lead-status', dataset: { status: lead.status } }, label(STATUSES, lead.status)),
        lead.overdue ? h('span', { class: 'overdue-badge' }, '首次联系已逾期') : null),
      h('div', { class: 'lead-grid' },
        h('div', {},
          followUpPanel(lead, etag),
          contactPanel(lead),
          h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '备注'),
            noteForm,
            h('ul', { class: 'notes', id: 'notes' }, [...(lead.notes || [])].reverse().map((n) => h('li', {},
              h('p', {}, n.text), h('span', { class: 'muted small' }, `${team.name(n.author) || n.author} · ${dateTime(n.at)}`))))),
          historyPanel(lead)),
        h('div', {},
          sourcePanel(lead),
          scorePanel(lead),
          consultations.length ? h('section', { class: 'panel', id: 'lead-consultations' }, h('h2', { class: 'panel-title' }, `预约顾问解读(${consultations.length})`),
            h('ul', { class: 'notes' }, [...consultations].reverse().map((c) => h('li', {},
              h('p', {}, c.preferredTime ? `希望时间:${c.preferredTime}` : '未指定时间'),
              c.note ? h('p', { class: 'pre' }, c.note) : null,
              h('span', { class: 'muted small' }, `${dateTime(c.at)}(`, timeAgo(c.at), ')'))))) : null,
          latest ? h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, `诊断报告 · L${latest.report.level} ${latest.report.levelName} · ${latest.report.overall} 分`),
            radar(latest.report.dimensions, { size: 300 }),
            latest.report.percentile !== null && latest.report.percentile !== undefined ? h('p', {}, `超过同行业 ${latest.report.percentile}% 的企业`) : null) : null,
          (lead.submissions || []).filter((s) => s.message).map((s) => h('section', { class: 'panel' },
            h('h2', { class: 'panel-title' }, `留言 · ${dateTime(s.at)}`), h('p', { class: 'pre' }, s.message))),
          latest?.answers ? h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '问卷答案'),
            h('ol', { class: 'answers' }, Object.entries(latest.answers).map(([key, value]) => {
              const q = questions.get(key);
              const option = q?.options.find((o) => String(o.value) === String(value));
              return h('li', {}, h('span', { class: 'muted small' }, q?.dimension || ''), h('p', {}, q?.text || key),
                h('strong', {}, option ? `${option.label}(${value} 分)` : value));
            }))) : null)));
  }

  await load();
}
