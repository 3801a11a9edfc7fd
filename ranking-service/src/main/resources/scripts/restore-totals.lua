-- Adds snapshot totals back after Redis lost them, each article at most once (crash-safe, replica-safe):
-- HSETNX on the restored-ids hash claims an article; only the claimer adds its snapshot with HINCRBY, so views
-- counted after the wipe are kept.
-- KEYS[1] totals hash, KEYS[2] restored-ids hash; ARGV pairs: article id, snapshot total. Returns how many were added.
local added = 0
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[2], ARGV[i], '1') == 1 then
    redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
    added = added + 1
  end
end
return added
