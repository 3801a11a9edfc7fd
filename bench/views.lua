-- wrk: POST /api/views for one article with a new visitor id on every request (every view counts).
local counter = 0
local thread_id = 0
local article = os.getenv("BENCH_ARTICLE_ID")
function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Visitor-Id"] = "bench-" .. thread_id .. "-" .. counter .. "-" .. math.random(1, 1000000000) }
  return wrk.format("POST", "/api/views", headers, '{"articleId":"' .. article .. '"}')
end
