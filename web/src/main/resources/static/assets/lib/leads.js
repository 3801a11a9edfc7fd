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

export const TYPES = [['DIAGNOSIS', 'AI 诊断'], ['CONTACT', '咨询留言']];

/** The moves API.md allows: NEW → CONTACTED → QUALIFIED → WON, and any open state → LOST. */
export function nextStatuses(status) {
  const forward = { NEW: ['CONTACTED'], CONTACTED: ['QUALIFIED'], QUALIFIED: ['WON'] }[status] || [];
  return ['NEW', 'CONTACTED', 'QUALIFIED'].includes(status) ? [...forward, 'LOST'] : [];
}
