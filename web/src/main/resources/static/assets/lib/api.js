// The public API of ../shared/API.md, through the gateway on the same origin.

const MESSAGES = {
  400: '提交的内容有误,请检查后重试。',
  401: '登录已失效或令牌无效,请重新登录。',
  403: '当前账号没有权限进行此操作。',
  404: '内容不存在或链接已失效。',
  409: '当前状态下不能进行这个操作,可能已被其他同事处理。',
  412: '内容已被其他人修改,请刷新后再试。',
  413: '提交的内容过大。',
  415: '提交格式不正确。',
  428: '缺少版本信息,请刷新后再试。',
  429: '操作太频繁了,请稍后再试。',
  503: '服务暂时繁忙,请稍后再试。',
};

/** What went wrong, from an application/problem+json answer, with words for people. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(MESSAGES[status] || (status >= 500 ? '服务暂时不可用,请稍后再试。' : '请求失败,请稍后再试。'));
    this.status = status;
    this.problem = problem || {};
    this.fieldErrors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    this.retryAfter = null;
  }
}

const TOKEN_KEY = 'accesspath.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token.trim().replace(/^Bearer\s+/i, '')),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
  /** The roles and subject of the signed-in token, read from its payload (the server checks the signature). */
  claims() {
    const token = this.token();
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
      return JSON.parse(json);
    } catch {
      return null;
    }
  },
};

/**
 * api('/api/articles', {query: {limit: 5}}) → {data, status, etag}. Throws ApiError for 4xx/5xx, and for a network
 * failure (status 0).
 */
export async function api(path, { method = 'GET', query, body, headers = {}, auth = false, raw = false } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body instanceof FormData) {
    // multipart/form-data: the browser writes the Content-Type with its boundary.
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (auth && session.token()) init.headers.Authorization = `Bearer ${session.token()}`;
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, { detail: 'network' });
  }
  if (!response.ok && response.status !== 304) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON: the status says enough.
    }
    const error = new ApiError(response.status, problem);
    error.retryAfter = response.headers.get('Retry-After');
    if (response.status === 0) error.message = '网络连接失败,请检查网络。';
    throw error;
  }
  const etag = response.headers.get('ETag');
  if (raw) return { response, status: response.status, etag };
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  return { data, status: response.status, etag, location: response.headers.get('Location') };
}

/** The anonymous visitor id that makes views count once per visitor (API.md: X-Visitor-Id). */
export function visitorId() {
  const key = 'accesspath.visitor';
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    localStorage.setItem(key, id);
  }
  return id;
}

export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
