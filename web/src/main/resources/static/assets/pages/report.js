// 诊断报告: the deliverable. Company, date and report number; level, radar, percentile (or, while the industry has
// fewer than 5 diagnoses, the distribution of all diagnoses); each dimension beside the industry's average; the gap
// analysis; the 30/90/180-day roadmap; recommended articles; the PDF; and 预约顾问解读 as the primary action. The link
// itself (with its token) is what is shared. The server renders the page's title (and keeps it out of search
// engines); this draws the report into its root. Printing gives a clean A4 copy (site.css, "Report page").
import { h, show, param, toast } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { radar } from '../lib/radar.js';
import { field, formError, showProblem, clearErrors } from '../lib/forms.js';

const LEVEL_TEXT = {
  1: 'AI 还停留在零散的想法与尝试上。',
  2: '已有试点,但尚未形成体系。',
  3: '有规划、有团队,正在把 AI 纳入日常运营。',
  4: 'AI 已在多个核心业务中规模化创造价值。',
  5: 'AI 是企业战略的核心,持续驱动业务创新。',
};

const HORIZONS = { '30d': ['30 天', '启动'], '90d': ['90 天', '落地'], '180d': ['180 天', '见效'] };

/** 2026年3月4日, in China's calendar whatever the browser's zone. */
function day(iso) {
  if (!iso) return '';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

const signed = (n) => (n > 0 ? `+${n}` : String(n));

function standing(report) {
  if (report.percentile !== null && report.percentile !== undefined) {
    return h('p', { class: 'percentile' }, '超过了同行业 ', h('strong', {}, `${report.percentile}%`), ' 的企业');
  }
  const total = report.distribution?.diagnoses ?? 0;
  return h('p', { class: 'percentile' }, total > 0
    ? `同行业样本还不足 5 家,暂以全部 ${total} 份诊断的等级分布作为参照(见下方"行业对标")。`
    : '同行业样本还不足 5 家,暂不显示行业排名。');
}

/** Each dimension's score, with the industry's average beside it when there is one. */
function benchmark(report) {
  const averages = new Map((report.industryAverage || []).map((d) => [d.key, d.score]));
  const hasAverage = Array.isArray(report.industryAverage);
  const sorted = [...report.dimensions].sort((a, b) => a.score - b.score);
  return h('section', { class: 'panel report-benchmark' },
    h('h2', { class: 'panel-title' }, hasAverage ? '各维度得分与行业平均' : '各维度得分'),
    h('ul', { class: 'score-bars' }, report.dimensions.map((d) => {
      const average = averages.get(d.key);
      return h('li', {},
        h('span', { class: 'bar-name' }, d.name),
        h('span', { class: 'bar' }, h('span', { style: `width:${d.score}%` }),
          average !== undefined ? h('i', { class: 'bar-average', style: `left:${average}%`, title: `行业平均 ${average}` }) : null),
        h('span', { class: 'bar-value' }, d.score),
        average !== undefined ? h('span', { class: 'bar-compare muted small' }, `行业 ${average}(${signed(d.score - average)})`) : null);
    })),
    hasAverage ? h('p', { class: 'muted small' }, '竖线为同行业此前诊断的平均分。') : null,
    sorted[0].score < sorted[sorted.length - 1].score
      ? h('p', { class: 'muted' }, `优先提升:${sorted.filter((d) => d.score === sorted[0].score).slice(0, 2).map((d) => d.name).join('、')}`)
      : h('p', { class: 'muted' }, '六个维度发展均衡。'),
    !hasAverage && report.distribution ? distribution(report) : null);
}

/** Where the overall scores of all earlier diagnoses fall, while the industry has too few for an average. */
function distribution(report) {
  const { diagnoses, levels } = report.distribution;
  return h('div', { class: 'report-distribution' },
    h('h3', {}, '全部诊断的成熟度分布'),
    h('p', { class: 'muted small' }, diagnoses > 0
      ? `同行业样本不足 5 家,以下为此前全部 ${diagnoses} 份诊断(各行业)的等级分布。`
      : '您是首批完成诊断的企业,分布将随样本增加而显示。'),
    h('table', { class: 'distribution-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '等级'), h('th', { scope: 'col' }, '企业数'), h('th', { scope: 'col' }, '占比'))),
      h('tbody', {}, levels.map((l) => h('tr', { class: l.level === report.level ? 'current' : null },
        h('td', {}, `L${l.level} ${l.name}${l.level === report.level ? '(您)' : ''}`),
        h('td', {}, l.count),
        h('td', {}, h('span', { class: 'bar bar-inline' }, h('span', { style: `width:${l.share}%` })), ` ${l.share}%`))))));
}

function gaps(report) {
  if (!Array.isArray(report.gaps) || report.gaps.length === 0) return null;
  return h('section', { class: 'panel report-gaps' },
    h('h2', { class: 'panel-title' }, '差距分析'),
    h('p', { class: 'muted small' }, '按得分从低到高;标"重点"的维度是路线图优先提升的方向。'),
    h('ol', { class: 'gap-list' }, report.gaps.map((g) => h('li', { class: g.focus ? 'focus' : null },
      h('div', { class: 'gap-head' },
        h('strong', {}, g.name),
        h('span', { class: 'gap-score' }, `${g.score} 分`),
        h('span', { class: 'badge' }, g.stage),
        g.focus ? h('span', { class: 'badge badge-accent' }, '重点') : null),
      h('p', { class: 'gap-facts muted small' },
        g.industryAverage !== null && g.industryAverage !== undefined ? `行业平均 ${g.industryAverage}(${signed(g.gapToAverage)})。` : '',
        g.nextLevel ? `距 L${g.nextLevel} ${g.nextLevelName} 还差 ${g.pointsToNextLevel} 分。` : '已达到最高等级。'),
      h('p', {}, g.advice)))));
}

function roadmap(report) {
  if (!Array.isArray(report.roadmap) || report.roadmap.length === 0) return null;
  return h('section', { class: 'panel report-roadmap' },
    h('h2', { class: 'panel-title' }, '30 / 90 / 180 天行动路线图'),
    h('div', { class: 'roadmap' }, report.roadmap.map((step) => {
      const [span, label] = HORIZONS[step.horizon] || [step.horizon, ''];
      return h('div', { class: 'roadmap-step' },
        h('h3', {}, h('span', { class: 'roadmap-span' }, span), label ? ` · ${label}` : ''),
        h('ul', {}, step.actions.map((a) => h('li', {}, a))));
    })));
}

function resources(report) {
  const articles = report.resources || [];
  if (articles.length === 0) return null;
  return h('section', { class: 'panel report-resources' },
    h('h2', { class: 'panel-title' }, '推荐阅读'),
    h('ul', { class: 'resource-list' }, articles.map((a) => h('li', {},
      h('span', { class: 'badge' }, a.category?.name || '文章'),
      h('a', { href: `/articles/${encodeURIComponent(a.slug)}` }, a.title),
      a.summary ? h('p', { class: 'muted small' }, a.summary) : null))));
}

/** 预约顾问解读: preferred time and a note, then a confirmation in the form's place. */
function consultation(id, token, company) {
  const time = h('input', { id: 'consultation-time', name: 'preferredTime', maxlength: 100, placeholder: '如:工作日下午、下周二上午' });
  const note = h('textarea', { id: 'consultation-note', name: 'note', rows: 3, maxlength: 1000, placeholder: '希望重点了解的问题(选填)' });
  const submit = h('button', { type: 'submit', class: 'button button-accent' }, '预约顾问解读');
  const form = h('form', { class: 'consultation-form', novalidate: true },
    h('div', { class: 'field-row' },
      field('希望的沟通时间', 'preferredTime', time),
      field('补充说明', 'note', note)),
    formError(),
    submit);
  const section = h('section', { class: 'panel report-consultation', id: 'consultation' },
    h('h2', { class: 'panel-title' }, '预约顾问解读'),
    h('p', {}, `AccessPath 顾问将结合${company ? `${company}所在行业与` : ''}本报告的短板,用 30 分钟解读诊断结果、讨论优先场景,并给出落地建议。免费。`),
    form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      await api(`/api/diagnosis/${encodeURIComponent(id)}/consultation`, {
        method: 'POST', query: { token }, body: { preferredTime: time.value.trim() || null, note: note.value.trim() || null },
      });
      show(section,
        h('h2', { class: 'panel-title' }, '预约顾问解读'),
        h('p', { class: 'consultation-done', role: 'status' }, '已收到您的预约!顾问会尽快通过您留下的联系方式与您确认时间。'));
      toast('预约成功');
    } catch (error) {
      if (error.status === 409) error.message = '这份报告已多次预约,顾问会尽快与您联系。';
      showProblem(form, error);
      submit.disabled = false;
    }
  });
  return section;
}

export async function render(main, { id, token = param('token') }) {
  const { data: report } = await api(`/api/diagnosis/${encodeURIComponent(id)}/report`, { query: { token } });
  const share = location.href;
  const pdf = `/api/diagnosis/${encodeURIComponent(id)}/report.pdf?token=${encodeURIComponent(token || '')}`;
  const copy = h('button', { type: 'button', class: 'button button-ghost' }, '复制报告链接');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(share);
      toast('链接已复制,可以分享给同事');
    } catch {
      toast('请手动复制地址栏中的链接');
    }
  });
  const toConsultation = h('a', { class: 'button button-accent', href: '#consultation' }, '预约顾问解读');
  toConsultation.addEventListener('click', (event) => {
    event.preventDefault();
    const target = document.getElementById('consultation');
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target?.querySelector('input, textarea, button')?.focus({ preventScroll: true });
  });
  show(main,
    h('section', { class: 'report' },
      h('header', { class: 'report-head' },
        h('p', { class: 'report-kind' }, '企业 AI 成熟度诊断报告'),
        report.company ? h('p', { class: 'report-company' }, report.company) : null,
        h('h2', { class: 'report-level' }, `L${report.level} · ${report.levelName}`),
        h('p', {}, LEVEL_TEXT[report.level] || ''),
        h('dl', { class: 'report-meta' },
          report.createdAt ? [h('dt', {}, '诊断日期'), h('dd', {}, day(report.createdAt))] : null,
          report.reportNumber ? [h('dt', {}, '报告编号'), h('dd', { class: 'mono' }, report.reportNumber)] : null)),
      h('div', { class: 'report-cta' },
        toConsultation,
        h('a', { class: 'button button-ghost', href: pdf, download: '' }, '下载 PDF')),
      h('div', { class: 'report-grid' },
        h('div', { class: 'panel report-score' },
          h('div', { class: 'score-ring', style: `--score:${report.overall}` }, h('strong', { id: 'report-overall' }, report.overall), h('span', {}, '综合得分')),
          h('ol', { class: 'levels', 'aria-label': '成熟度等级' }, [1, 2, 3, 4, 5].map((l) => h('li', { class: l === report.level ? 'current' : (l < report.level ? 'done' : null) }, `L${l}`))),
          standing(report)),
        h('div', { class: 'panel report-radar' }, h('h2', { class: 'panel-title' }, '六维能力雷达'), radar(report.dimensions))),
      benchmark(report),
      gaps(report),
      h('section', { class: 'panel recommendations' },
        h('h2', { class: 'panel-title' }, '改进建议'),
        h('ol', {}, report.recommendations.map((r) => h('li', {}, r)))),
      roadmap(report),
      resources(report),
      consultation(id, token, report.company),
      h('div', { class: 'report-actions' },
        h('a', { class: 'button button-ghost', href: pdf, download: '' }, '下载 PDF'),
        copy,
        h('a', { class: 'button button-ghost', href: '/diagnosis' }, '重新诊断'),
        h('a', { class: 'button button-ghost', href: '/' }, '返回首页')),
      h('p', { class: 'muted small report-footnote' }, '报告链接中包含访问凭证,只有拿到链接的人可以查看。')));
}
