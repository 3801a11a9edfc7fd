// 诊断报告: level, radar, percentile and recommendations; the link itself (with its token) is what is shared. The
// server renders the page's title (and keeps it out of search engines); this draws the report into its root.
import { h, show, param, toast } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { radar } from '../lib/radar.js';

const LEVEL_TEXT = {
  1: 'AI 还停留在零散的想法与尝试上。',
  2: '已有试点,但尚未形成体系。',
  3: '有规划、有团队,正在把 AI 纳入日常运营。',
  4: 'AI 已在多个核心业务中规模化创造价值。',
  5: 'AI 是企业战略的核心,持续驱动业务创新。',
};

export async function render(main, { id, token = param('token') }) {
  const { data: report } = await api(`/api/diagnosis/${encodeURIComponent(id)}/report`, { query: { token } });
  const share = location.href;
  const copy = h('button', { type: 'button', class: 'button button-ghost' }, '复制报告链接');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(share);
      toast('链接已复制,可以分享给同事');
    } catch {
      toast('请手动复制地址栏中的链接');
    }
  });
  const sorted = [...report.dimensions].sort((a, b) => a.score - b.score);
  show(main,
    h('section', { class: 'report' },
      h('header', { class: 'report-head' },
        h('h2', { class: 'report-level' }, `L${report.level} · ${report.levelName}`),
        h('p', {}, LEVEL_TEXT[report.level] || '')),
      h('div', { class: 'report-grid' },
        h('div', { class: 'panel report-score' },
          h('div', { class: 'score-ring', style: `--score:${report.overall}` }, h('strong', { id: 'report-overall' }, report.overall), h('span', {}, '综合得分')),
          h('ol', { class: 'levels', 'aria-label': '成熟度等级' }, [1, 2, 3, 4, 5].map((l) => h('li', { class: l === report.level ? 'current' : (l < report.level ? 'done' : null) }, `L${l}`))),
          h('p', { class: 'percentile' }, report.percentile === null || report.percentile === undefined
            ? '同行业样本还不足 5 家,暂不显示行业排名。'
            : h('span', {}, '超过了同行业 ', h('strong', {}, `${report.percentile}%`), ' 的企业'))),
        h('div', { class: 'panel report-radar' }, h('h2', { class: 'panel-title' }, '六维能力雷达'), radar(report.dimensions))),
      h('section', { class: 'panel' },
        h('h2', { class: 'panel-title' }, '各维度得分'),
        h('ul', { class: 'score-bars' }, report.dimensions.map((d) => h('li', {},
          h('span', { class: 'bar-name' }, d.name),
          h('span', { class: 'bar' }, h('span', { style: `width:${d.score}%` })),
          h('span', { class: 'bar-value' }, d.score)))),
        sorted[0].score < sorted[sorted.length - 1].score
          ? h('p', { class: 'muted' }, `优先提升:${sorted.filter((d) => d.score === sorted[0].score).slice(0, 2).map((d) => d.name).join('、')}`)
          : h('p', { class: 'muted' }, '六个维度发展均衡。')),
      h('section', { class: 'panel recommendations' },
        h('h2', { class: 'panel-title' }, '改进建议'),
        h('ol', {}, report.recommendations.map((r) => h('li', {}, r)))),
      h('div', { class: 'report-actions' }, copy,
        h('a', { class: 'button button-accent', href: '/diagnosis' }, '重新诊断'),
        h('a', { class: 'button button-ghost', href: '/' }, '返回首页')),
      h('p', { class: 'muted small' }, '报告链接中包含访问凭证,只有拿到链接的人可以查看。')));
}
