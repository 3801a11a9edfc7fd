-- One view, atomically: count it only if this visitor has not viewed this article within the repeat window.
-- KEYS[1] seen marker, KEYS[2] totals hash, KEYS[3] site hour bucket, KEYS[4] category hour bucket, KEYS[5] tag hour bucket
-- ARGV[1] article id, ARGV[2] repeat window (s), ARGV[3] bucket TTL (s), ARGV[4..] tags
-- Returns {counted (0|1), all-time total}
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then
  return {0, tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')}
end
local total = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('ZINCRBY', KEYS[3], 1, ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[3])
if KEYS[4] ~= KEYS[3] then
  redis.call('ZINCRBY', KEYS[4], 1, ARGV[1])
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
if #ARGV > 3 then
  for i = 4, #ARGV do
    redis.call('ZINCRBY', KEYS[5], 1, ARGV[i])
  end
  redis.call('EXPIRE', KEYS[5], ARGV[3])
end
return {1, total}
