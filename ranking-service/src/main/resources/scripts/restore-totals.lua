-- Adds snapshot totals back after Redis lost them, each article's snapshot at most once (crash-safe, replica-safe):
-- the restored-ids hash keeps, per article, which restore run added how much ("run|views"). An article another run
-- already restored is left alone: by then a drain may have written its post-wipe total into the snapshot, and adding
-- that again would count those views twice. Within one run an article with two snapshot documents (an old one with an
-- ObjectId _id and a new one with a string _id) gets the larger of the two; views counted after the wipe are kept.
-- KEYS[1] totals hash, KEYS[2] restored-ids hash; ARGV[1] this run's token, then pairs: article id, snapshot total.
-- Returns how many articles were added.
local added = 0
for i = 2, #ARGV, 2 do
  local snapshot = tonumber(ARGV[i + 1])
  local before = -1
  local restored = redis.call('HGET', KEYS[2], ARGV[i])
  if restored then
    local run, views = string.match(restored, '^(.*)|(%d+)$')
    before = (run == ARGV[1]) and tonumber(views) or math.huge
  end
  if snapshot > before then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[1] .. '|' .. snapshot)
    redis.call('HINCRBY', KEYS[1], ARGV[i], snapshot - math.max(before, 0))
    if before < 0 then
      added = added + 1
    end
  end
end
return added
