-- Adds snapshot totals back after Redis lost them, each article's snapshot at most once (crash-safe, replica-safe):
-- the restored-ids hash keeps, per article, how much of its snapshot was added back; a snapshot total adds only what
-- exceeds that, so views counted after the wipe are kept, a repeated restore adds nothing, and an article with two
-- snapshot documents (an old one with an ObjectId _id and a new one with a string _id) gets the larger of the two.
-- KEYS[1] totals hash, KEYS[2] restored-ids hash; ARGV pairs: article id, snapshot total. Returns how many were added.
local added = 0
for i = 1, #ARGV, 2 do
  local snapshot = tonumber(ARGV[i + 1])
  local before = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '-1')
  if snapshot > before then
    redis.call('HSET', KEYS[2], ARGV[i], snapshot)
    redis.call('HINCRBY', KEYS[1], ARGV[i], snapshot - math.max(before, 0))
    if before < 0 then
      added = added + 1
    end
  end
end
return added
