-- wrk: POST /api/views of a new article on every request (ids "<run>-<thread>-<counter>", distinct across threads
-- and, with a new BENCH_RUN, across wrk runs), by one visitor per run: every view counts and adds an article.
local counter = 0
local thread_id = 0
local run = os.getenv("BENCH_RUN") or "r"
function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Visitor-Id"] = "fill-" .. run }
  return wrk.format("POST", "/api/views", headers, '{"articleId":"' .. run .. "-" .. thread_id .. "-" .. counter .. '"}')
end
