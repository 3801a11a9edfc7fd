// 线索详情: who, what they answered, the report, and the team's work on it (status, assignee, notes, history).
import { h, show, setTitle, dateTime, label } from '../lib/dom.js';
import { api, session } from '../lib/api.js';
import { requireRole, explain, signInAgainOn401 } from '../lib/console.js';
import { STATUSES, TYPES, INDUSTRIES, SIZES, nextStatuses } from '../lib/leads.js';
import { radar } from '../lib/radar.js';
import { formError } from '../lib/forms.js';

const ACTIONS = { CREATED: '创建', RESUBMITTED: '再次提交', STATUS: '状态变更', ASSIGNED: '分配', NOTE: '添加备注', VIEWED: '查看', ERASED: '删除个人信息' };

export async function render(main, { id }) {
  if (!requireRole(main, ['SALES'])) return;
  const questionnaire = await api('/api/diagnosis/questionnaire').then((r) => r.data).catch(() => null);
  const questions = new Map((questionnaire?.dimensions || []).flatMap((d) => d.questions.map((q) => [q.key, { dimension: d.name, ...q }])));

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
    const assignee = h('input', { id: 'assignee', name: 'assignee', value: lead.assignee || '', placeholder: '同事的账号', maxlength: 50 });
    const assignForm = h('form', { class: 'inline-form' }, h('label', { for: 'assignee' }, '负责人'), assignee,
      h('button', { type: 'submit', class: 'button button-ghost' }, '保存'),
      h('button', { type: 'button', class: 'link-button', onclick: () => { assignee.value = session.claims()?.sub || ''; } }, '分配给我'));
    assignForm.addEventListener('submit', (event) => {
      event.preventDefault();
      // A blank assignee un-assigns (null would mean "no change").
      change(etag, { assignee: assignee.value.trim() }, assignee.value.trim() ? '负责人已更新' : '已取消分配');
    });
    const moves = nextStatuses(lead.status);
    const latest = [...(lead.submissions || [])].reverse().find((s) => s.report);
    show(main,
      h('nav', { class: 'breadcrumb' }, h('a', { href: '/console/leads' }, '线索管理'), ' / ', lead.company?.name || lead.contact?.name),
      notice ? h('p', { class: `notice notice-${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status', id: 'lead-notice' }, notice.text) : null,
      h('div', { class: 'console-head' },
        h('h1', {}, lead.company?.name || lead.contact?.name),
        h('span', { class: `status status-${lead.status}`, id: 'lead-status', dataset: { status: lead.status } }, label(STATUSES, lead.status))),
      h('div', { class: 'lead-grid' },
        h('div', {},
          h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '跟进'),
            h('div', { class: 'status-moves' },
              moves.length ? moves.map((s) => h('button', {
                type: 'button', class: `button ${s === 'LOST' ? 'button-ghost' : ''}`, dataset: { move: s },
                onclick: () => change(etag, { status: s }, `状态已改为“${label(STATUSES, s)}”`),
              }, s === 'LOST' ? '标记为流失' : `标记为${label(STATUSES, s)}`)) : h('p', { class: 'muted' }, '这条线索已关闭,状态不能再变更。')),
            assignForm),
          h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '联系人与企业'),
            h('dl', { class: 'facts' },
              h('dt', {}, '联系人'), h('dd', {}, [lead.contact?.name, lead.contact?.title].filter(Boolean).join(' · ') || '—'),
              h('dt', {}, '手机'), h('dd', { class: 'mono' }, lead.contact?.phone ? h('a', { href: `tel:${lead.contact.phone}` }, lead.contact.phone) : '—'),
              h('dt', {}, '邮箱'), h('dd', {}, lead.contact?.email ? h('a', { href: `mailto:${lead.contact.email}` }, lead.contact.email) : '—'),
              h('dt', {}, '微信'), h('dd', {}, lead.contact?.wechat || '—'),
              h('dt', {}, '行业'), h('dd', {}, label(INDUSTRIES, lead.company?.industry)),
              h('dt', {}, '规模'), h('dd', {}, label(SIZES, lead.company?.size)),
              h('dt', {}, '地区'), h('dd', {}, lead.company?.region || '—'),
              h('dt', {}, '来源'), h('dd', {}, label(TYPES, lead.type)),
              h('dt', {}, '评分'), h('dd', {}, lead.score ?? '—'),
              h('dt', {}, '创建'), h('dd', {}, dateTime(lead.createdAt)))),
          h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '备注'),
            noteForm,
            h('ul', { class: 'notes', id: 'notes' }, [...(lead.notes || [])].reverse().map((n) => h('li', {},
              h('p', {}, n.text), h('span', { class: 'muted small' }, `${n.author} · ${dateTime(n.at)}`))))),
          h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, '历史'),
            h('ol', { class: 'timeline' }, [...(lead.history || [])].reverse().filter((e) => e.action !== 'VIEWED').map((e) => h('li', {},
              h('strong', {}, ACTIONS[e.action] || e.action), e.detail ? ` ${e.detail.replace(/\b[A-Z]{3,}\b/g, (code) => label(STATUSES, code))}` : '',
              h('span', { class: 'muted small' }, ` · ${e.actor} · ${dateTime(e.at)}`)))))),
        h('div', {},
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
