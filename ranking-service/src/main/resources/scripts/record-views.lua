-- A batch of views of one shard's articles, atomically and in arrival order: each counts only if its visitor has not
-- viewed its article within the repeat window (a repeat inside the same batch included). A counted view moves the
-- article's all-time total, its hour buckets (kept for the window's expiry) and its rolling windows (24 h and 7 d,
-- site-wide and per leaf category; 7 d per tag), so a hot list is a read of a window's top, never a union. Counter
-- moves are added up first and applied once per key and member: a batch of views of one popular article costs Redis a
-- few commands, not a few per view. An article whose total moved is added to the dirty set, which the totals snapshot
-- drains. Every key is the shard's (one hash tag, one cluster slot).
-- KEYS[1] totals hash, KEYS[2] dirty set, KEYS[3] site hour bucket, KEYS[4] tag hour bucket, KEYS[5] the hour's set of
-- leaves, KEYS[6] 24 h site window, KEYS[7] 7 d site window, KEYS[8] 7 d tag window,
-- then per view i (from 1): KEYS[5 + 4i] its seen marker, KEYS[6 + 4i] its leaf's hour bucket, KEYS[7 + 4i] its leaf's
-- 24 h window, KEYS[8 + 4i] its leaf's 7 d window (the site's keys again for a view without a leaf: not used)
-- ARGV[1] repeat window (s), ARGV[2] bucket TTL (s), then per view: article id, leaf ('' for none), number of tags,
-- the tags. Returns per view: counted (0|1), the article's all-time total just after the view
local counted = {}      -- article -> views counted so far in this batch
local views = {}        -- per view: {article, counted (0|1), counted views of its article up to and including it}
local moves = {}        -- key -> member -> increment
local buckets = {}      -- hour keys that get the bucket TTL
local leaves = {}       -- leaves with a counted view
local function move(key, member)
  local members = moves[key]
  if not members then
    members = {}
    moves[key] = members
  end
  members[member] = (members[member] or 0) + 1
end

buckets[KEYS[3]] = true
local a = 3
local i = 0
while a <= #ARGV do
  i = i + 1
  local article = ARGV[a]
  local leaf = ARGV[a + 1]
  local tagCount = tonumber(ARGV[a + 2])
  local k = 5 + 4 * i
  if redis.call('SET', KEYS[k], '1', 'NX', 'EX', ARGV[1]) then
    counted[article] = (counted[article] or 0) + 1
    move(KEYS[3], article)
    move(KEYS[6], article)
    move(KEYS[7], article)
    if leaf ~= '' then
      move(KEYS[k + 1], article)
      move(KEYS[k + 2], article)
      move(KEYS[k + 3], article)
      buckets[KEYS[k + 1]] = true
      leaves[#leaves + 1] = leaf
    end
    for t = 1, tagCount do
      move(KEYS[4], ARGV[a + 2 + t])
      move(KEYS[8], ARGV[a + 2 + t])
      buckets[KEYS[4]] = true
    end
    views[i] = {article, 1, counted[article]}
  else
    views[i] = {article, 0, counted[article] or 0}
  end
  a = a + 3 + tagCount
end

-- Each article's total before this batch: one HINCRBY for those with counted views, one HGET for the others.
local before = {}
local dirty = {}
for _, view in ipairs(views) do
  local article = view[1]
  if before[article] == nil then
    local n = counted[article]
    if n then
      before[article] = redis.call('HINCRBY', KEYS[1], article, n) - n
      dirty[#dirty + 1] = article
    else
      before[article] = tonumber(redis.call('HGET', KEYS[1], article) or '0')
    end
  end
end
if #dirty > 0 then
  redis.call('SADD', KEYS[2], unpack(dirty))
end
for key, members in pairs(moves) do
  for member, n in pairs(members) do
    redis.call('ZINCRBY', key, n, member)
  end
  if buckets[key] then
    redis.call('EXPIRE', key, ARGV[2])
  end
end
if #leaves > 0 then
  redis.call('SADD', KEYS[5], unpack(leaves))
  redis.call('EXPIRE', KEYS[5], ARGV[2])
end

local result = {}
for _, view in ipairs(views) do
  result[#result + 1] = view[2]
  result[#result + 1] = before[view[1]] + view[3]
end
return result
