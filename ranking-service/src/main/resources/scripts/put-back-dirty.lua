-- A snapshot write failed: its articles go back from the draining set to the dirty set, for the next drain.
-- KEYS[1] dirty set, KEYS[2] draining set; ARGV the article ids.
redis.call('SADD', KEYS[1], unpack(ARGV))
redis.call('SREM', KEYS[2], unpack(ARGV))
return #ARGV
