// Signing in to the consoles with a bearer token (locally: ./platform token SALES; in production: the identity
// provider's token, see README "Consoles").
import { h, show, setTitle } from './dom.js';
import { api, session } from './api.js';
import { roleName } from './layout.js';

/** True when a token with one of the roles is present; otherwise shows the sign-in form. */
export function requireRole(main, roles, { expired = false } = {}) {
  const claims = session.claims();
  const valid = claims && (!claims.exp || claims.exp * 1000 > Date.now());
  const allowed = valid && (claims.roles || []).some((r) => r === 'ADMIN' || roles.includes(r));
  if (allowed && !expired) return true;
  setTitle('登录工作台');
  const token = h('textarea', { id: 'token', name: 'token', rows: 4, placeholder: 'eyJhbGciOi…', spellcheck: 'false', autocomplete: 'off' });
  const unreadable = session.token() && !claims;
  let problem = '';
  if (unreadable) problem = '这不是有效的访问令牌,请检查后重新粘贴。';
  else if (expired || (claims && !valid)) problem = '登录已失效,请重新登录。';
  else if (claims) problem = `当前令牌(${(claims.roles || []).map(roleName).join('/') || '无角色'})无权访问此页面,需要${roles.map(roleName).join('或')}权限。`;
  if (unreadable || expired) session.signOut();
  const message = h('p', { class: 'form-error', role: 'alert', hidden: !problem }, problem);
  const form = h('form', { class: 'panel signin', novalidate: true },
    h('h1', {}, '登录工作台'),
    h('p', {}, `此页面需要${roles.map(roleName).join('或')}权限。请粘贴公司身份认证颁发的访问令牌。`),
    h('label', { for: 'token' }, '访问令牌'), token, message,
    h('button', { type: 'submit', class: 'button' }, '登录'),
    h('p', { class: 'muted small' }, '本地开发:在项目目录运行 ', h('code', {}, `./platform token ${roles[0]}`), ' 获取令牌。'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!token.value.trim()) {
      message.textContent = '请粘贴访问令牌。';
      message.hidden = false;
      return;
    }
    session.signIn(token.value);
    location.reload();
  });
  show(main, form);
  return false;
}

/** What an API error means to a person working in the console. */
export function explain(error, subject = '这条记录') {
  switch (error.status) {
    case 401: return '登录已失效,请重新登录后再试。';
    case 403: return '你的账号没有权限进行这个操作,请联系管理员。';
    case 404: return `${subject}不存在或已被删除。`;
    case 409: return `这个操作与${subject}当前的状态不符,可能刚被同事处理过。页面已刷新为最新状态。`;
    case 412: return `${subject}刚被其他同事修改过。页面已刷新为最新内容,请确认后再操作一次。`;
    case 429: return '操作太频繁了,请稍等片刻再试。';
    case 0: return '网络连接失败,请检查网络后重试。';
    default: return error.status >= 500 ? '服务暂时不可用,请稍后再试。' : error.message;
  }
}

/** explain(), with the server's own explanation (the problem+json detail) when it gave one. */
export function problemText(error, subject) {
  const detail = error?.problem?.detail;
  const words = explain(error, subject);
  return detail && detail !== 'network' && !words.includes(detail) ? `${words}(${detail})` : words;
}

/** A 401 means the token expired while working: back to the sign-in form. True when that is what happened. */
export function signInAgainOn401(main, roles, error) {
  if (error.status !== 401) return false;
  session.signOut();
  requireRole(main, roles, { expired: true });
  return true;
}

/**
 * A table body filled page by page from an admin list ({items, nextCursor}), with "加载更多"; loaded(items) after
 * each page is in (to fill in what another service knows about them).
 */
export function pagedRows(main, roles, { path, query, row, empty, subject, loaded }) {
  const rows = h('tbody', {});
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'button button-ghost', hidden: true }, '加载更多');
  let cursor = null;
  async function load() {
    more.disabled = true;
    try {
      const { data } = await api(path, { auth: true, query: { ...query, limit: 20, cursor } });
      rows.append(...data.items.map(row));
      loaded?.(data.items);
      cursor = data.nextCursor;
      more.hidden = !cursor;
      status.textContent = rows.children.length === 0 ? empty : `已显示 ${rows.children.length} 条`;
    } catch (error) {
      if (!signInAgainOn401(main, roles, error)) status.textContent = explain(error, subject);
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  return { rows, status, more, load };
}
