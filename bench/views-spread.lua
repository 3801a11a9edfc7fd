-- wrk: POST /api/views with a new visitor id on every request (every view counts), the articles taken in turn from
-- BENCH_HOT_ARTICLES (1000) ids "hot-<n>": popular articles, known to ranking's catalog after the first round, spread
-- over every shard (and every master of a cluster).
local counter = 0
local thread_id = 0
local articles = tonumber(os.getenv("BENCH_HOT_ARTICLES") or "1000")
function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Visitor-Id"] = "bench-" .. thread_id .. "-" .. counter .. "-" .. math.random(1, 1000000000) }
  return wrk.format("POST", "/api/views", headers, '{"articleId":"hot-' .. (counter % articles) .. '"}')
end
