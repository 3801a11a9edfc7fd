-- Adds the hours of the MongoDB snapshot back to a shard that lost its data, so that the hot lists are right again:
-- each (article, hour) at most once (crash-safe, replica-safe), like restore-totals.lua: the restored-hours hash
-- keeps which run added it, and a pair another run restored is left alone. An hour goes into its buckets (for the windows'
-- later expiry), the 7-day windows, and the 24-hour ones when it is still inside them.
-- KEYS[1] restored-hours hash, KEYS[2] 24 h site window, KEYS[3] 7 d site window, KEYS[4] 7 d tag window, then six
-- per entry (k = 4 + 6 * (i - 1)): KEYS[k + 1] its hour's site bucket, KEYS[k + 2] its leaf's hour bucket, KEYS[k + 3]
-- the leaf's 24 h window, KEYS[k + 4] the leaf's 7 d window, KEYS[k + 5] the hour's tag bucket, KEYS[k + 6] the hour's
-- set of leaves (the site's keys in the leaf's places for an entry without a leaf: not used).
-- ARGV[1] bucket TTL (s), ARGV[2] this run's token, then per entry: article, hour (yyyyMMddHH), views, in the 24 h window (0|1), leaf ('' for
-- none), number of tags, the tags. Returns how many (article, hour) pairs added something.
local added = 0
local a = 3
local i = 0
while a <= #ARGV do
  local k = 4 + 6 * i
  i = i + 1
  local article, hour, views, in24, leaf = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]), ARGV[a + 3], ARGV[a + 4]
  local tagCount = tonumber(ARGV[a + 5])
  local field = article .. '|' .. hour
  local add = views
  if redis.call('HEXISTS', KEYS[1], field) == 1 then
    add = 0
  end
  if add > 0 then
    redis.call('HSET', KEYS[1], field, ARGV[2])
    redis.call('ZINCRBY', KEYS[k + 1], add, article)
    redis.call('EXPIRE', KEYS[k + 1], ARGV[1])
    redis.call('ZINCRBY', KEYS[3], add, article)
    if in24 == '1' then
      redis.call('ZINCRBY', KEYS[2], add, article)
    end
    if leaf ~= '' then
      redis.call('ZINCRBY', KEYS[k + 2], add, article)
      redis.call('EXPIRE', KEYS[k + 2], ARGV[1])
      redis.call('ZINCRBY', KEYS[k + 4], add, article)
      if in24 == '1' then
        redis.call('ZINCRBY', KEYS[k + 3], add, article)
      end
      redis.call('SADD', KEYS[k + 6], leaf)
      redis.call('EXPIRE', KEYS[k + 6], ARGV[1])
    end
    for t = 1, tagCount do
      redis.call('ZINCRBY', KEYS[k + 5], add, ARGV[a + 5 + t])
      redis.call('ZINCRBY', KEYS[4], add, ARGV[a + 5 + t])
    end
    if tagCount > 0 then
      redis.call('EXPIRE', KEYS[k + 5], ARGV[1])
    end
    added = added + 1
  end
  a = a + 6 + tagCount
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return added
