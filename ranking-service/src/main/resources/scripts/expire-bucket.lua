-- Subtracts one hour bucket that has left a rolling window from that window, a chunk at a time, so that no call holds
-- Redis for long however many articles the hour saw. How far the subtraction went is kept with it, in the same call:
-- a leader that dies mid-way leaves a cursor the next one resumes from, and nothing is subtracted twice. A bucket is
-- final by then (its hour ended a day or a week ago), so its order by rank does not move between chunks. Members whose
-- count reaches zero leave the window.
-- KEYS[1] the hour bucket, KEYS[2] the window, KEYS[3] the shard's progress hash; ARGV[1] the progress field, ARGV[2]
-- the chunk size, ARGV[3] the progress hash's TTL (s). Returns how many members this call subtracted (0: done).
local offset = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
local chunk = tonumber(ARGV[2])
local members = redis.call('ZRANGE', KEYS[1], offset, offset + chunk - 1, 'WITHSCORES')
local n = #members / 2
for i = 1, #members, 2 do
  local left = tonumber(redis.call('ZINCRBY', KEYS[2], -tonumber(members[i + 1]), members[i]))
  if left <= 0 then
    redis.call('ZREM', KEYS[2], members[i])
  end
end
redis.call('HSET', KEYS[3], ARGV[1], offset + n)
redis.call('EXPIRE', KEYS[3], ARGV[3])
return n
