-- Takes a batch of articles whose totals changed, for the snapshot leader to write to MongoDB: first what a drain
-- that did not finish left in the draining set (a crash between taking and writing), else up to ARGV[1] members
-- moved from the dirty set to the draining set. The caller removes them from the draining set once written, or
-- puts them back (put-back-dirty.lua) when the write failed: an article taken is never lost.
-- KEYS[1] dirty set, KEYS[2] draining set, KEYS[3] totals hash, KEYS[4] this hour's site bucket, KEYS[5] the last
-- hour's; ARGV[1] batch size.
-- Returns per article: its id, its current total (-1 when Redis no longer has one), its views this hour and the
-- last hour (0 when none): what the hot lists are rebuilt from after a wipe.
local ids = redis.call('SRANDMEMBER', KEYS[2], ARGV[1])
if #ids == 0 then
  ids = redis.call('SPOP', KEYS[1], ARGV[1])
  if #ids == 0 then
    return {}
  end
  redis.call('SADD', KEYS[2], unpack(ids))
end
local totals = redis.call('HMGET', KEYS[3], unpack(ids))
local result = {}
for i, id in ipairs(ids) do
  result[#result + 1] = id
  result[#result + 1] = totals[i] or '-1'
  result[#result + 1] = redis.call('ZSCORE', KEYS[4], id) or '0'
  result[#result + 1] = redis.call('ZSCORE', KEYS[5], id) or '0'
end
return result
