-- wrk script: the scoring request of score.lua, paced. Each connection waits PACE_MS
-- milliseconds after every answer before it sends the next request, so the offered rate is
-- about connections * 1000 / (PACE_MS + latency): a fixed, moderate load rather than a flood.
-- wrk's timers count whole milliseconds, so a fractional PACE_MS is reached on average by
-- waiting either the floor or the ceiling.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "score.lua")

local pace = tonumber(os.getenv("PACE_MS") or "5")
local whole = math.floor(pace)
local fraction = pace - whole

function delay()
  if math.random() < fraction then
    return whole + 1
  end
  return whole
end
