// Words for the diagnosis and the leads, shared by the wizard, the report and the sales console.
export const INDUSTRIES = [
  ['finance', '金融'], ['healthcare', '医疗健康'], ['education', '教育'], ['retail', '零售'], ['manufacturing', '制造'],
  ['internet', '互联网'], ['energy', '能源'], ['government', '政府与公共服务'], ['other', '其他'],
];

export const SIZES = [
  ['1-50', '1–50 人'], ['51-200', '51–200 人'], ['201-1000', '201–1000 人'], ['1001-5000', '1001–5000 人'], ['5000+', '5000 人以上'],
];

export const STATUSES = [
  ['NEW', '新线索'], ['CONTACTED', '已联系'], ['QUALIFIED', '已确认需求'], ['WON', '已成交'], ['LOST', '已流失'],
];

export const TYPES = [['DIAGNOSIS', 'AI 诊断'], ['CONTACT', '咨询留言'], ['DOWNLOAD', '资料下载']];

/** The words for the lead's history (API.md: the actions leads-service records). */
export const HISTORY_ACTIONS = {
  CREATED: '创建', RESUBMITTED: '再次提交', VIEWED: '查看', STATUS: '状态', ASSIGNED: '分配', NOTE: '备注',
  ERASED: '删除个人信息', REVEALED: '查看联系方式', CONSULTATION: '预约顾问解读', OVERDUE: '已逾期提醒',
  FOLLOW_UP: '跟进提醒', FOLLOW_UP_PLANNED: '计划跟进', DOWNLOADED: '下载',
};

/** The UTM fields of a source, with their words. */
export const UTM_FIELDS = [['source', '渠道'], ['medium', '媒介'], ['campaign', '活动'], ['term', '关键词'], ['content', '内容']];

/** A lead's source in one word, as leads-service counts it: the campaign's source, else the CTA, else 直接访问. */
export function sourceLabel(source) {
  return source?.utm?.source || source?.cta || '直接访问';
}

/** The moves API.md allows: NEW → CONTACTED → QUALIFIED → WON, and any open state → LOST. */
export function nextStatuses(status) {
  const forward = { NEW: ['CONTACTED'], CONTACTED: ['QUALIFIED'], QUALIFIED: ['WON'] }[status] || [];
  return ['NEW', 'CONTACTED', 'QUALIFIED'].includes(status) ? [...forward, 'LOST'] : [];
}
