// A mobile client's journey written against the client generated from GET /v3/api-docs/public (.ci/openapi):
// it compiles only while the document describes these operations, parameters and answers as the app uses them.
import createClient from "openapi-fetch";
import type { components, paths } from "./public-api";

type Problem = components["schemas"]["Problem"];

const api = createClient<paths>({ baseUrl: "https://www.accesspath.cn" });

export async function readerJourney(visitorId: string): Promise<string[]> {
  const home = await api.GET("/api/pages/home");
  const latestFlash: string[] = (home.data?.latest?.["flash"] ?? []).map((article) => article.title ?? "");

  const hot = await api.GET("/api/rankings/hot", { params: { query: { window: "7d", limit: 10 } } });
  const slug = hot.data?.items?.[0]?.article?.slug ?? "openai-nato-classified-networks";

  const page = await api.GET("/api/pages/article/{idOrSlug}", { params: { path: { idOrSlug: slug } } });
  const articleId: string = page.data?.article?.id ?? "";
  const views: number | undefined = page.data?.views;

  const viewed = await api.POST("/api/views", {
    params: { header: { "X-Visitor-Id": visitorId } },
    body: { articleId },
  });
  const counted: boolean | undefined = viewed.data?.counted;
  if (viewed.error) {
    reportProblem(viewed.error);
  }

  const list = await api.GET("/api/articles", { params: { query: { category: "news", limit: 20 } } });
  const next: string | null | undefined = list.data?.nextCursor;
  return [...latestFlash, String(views), String(counted), String(next)];
}

export async function prospectJourney(): Promise<string | undefined> {
  const contact = await api.POST("/api/contact", {
    body: {
      name: "张伟",
      company: "杭州示例科技有限公司",
      phone: "13800138000",
      message: "想了解制造业质检的 AI 落地方案",
      consent: true,
    },
  });
  if (contact.error) {
    reportProblem(contact.error);
    return undefined;
  }
  await api.POST("/api/subscriptions", { body: { email: "zhang.wei@example.com", consent: true } });
  return contact.data?.id;
}

export async function salesJourney(token: string): Promise<number> {
  const leads = await api.GET("/api/admin/leads", {
    params: { query: { status: "NEW", limit: 20 } },
    headers: { Authorization: `Bearer ${token}` },
  });
  if (leads.error) {
    reportProblem(leads.error);
  }
  return leads.data?.items?.length ?? 0;
}

function reportProblem(problem: Problem): void {
  const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`);
  console.warn(problem.status, problem.title, problem.detail ?? "", fields.join("; "));
}
