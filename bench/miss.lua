-- wrk: GET the target path with a new query string on every request, so that no cache can answer it (a long-tail
-- read: the edge cache stores each answer and never sees it asked again). Services ignore the unknown parameter.
local counter = 0
local thread_id = 0
function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
function request()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?miss=" .. thread_id .. "-" .. counter)
end
