-- wrk script for bench/web: a signed-in user's mixed traffic.
-- Env: GT_COOKIE (session cookie), GT_CSRF (its form token), GT_ITEMS
-- (space-separated item ids to update), GT_MODE ("mixed", "get" or
-- "uncached": each request a new query, so no page cache answers it),
-- GT_PATH (the page for "get"), GT_ORIGIN (the server's origin).
local cookie = os.getenv("GT_COOKIE")
local csrf = os.getenv("GT_CSRF")
local mode = os.getenv("GT_MODE") or "get"
local path = os.getenv("GT_PATH") or "/"
local origin = os.getenv("GT_ORIGIN")
local items = {}
for id in string.gmatch(os.getenv("GT_ITEMS") or "", "%d+") do
  items[#items + 1] = id
end
local pages = {"/", "/plans/bench", "/items/" .. (items[1] or "1")}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  posted = 0       -- updates the server acknowledged (303)
  refused = 0      -- any other answer to an update
  bad = 0          -- any answer to a read that is not 200
end

function request()
  counter = counter + 1
  local headers = {["Cookie"] = cookie}
  if mode == "mixed" and counter % 10 == 0 then
    local id = items[math.floor(counter / 10) % #items + 1]
    headers["Origin"] = origin
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    local body = "csrf=" .. csrf .. "&brag=amber&comment=bench&as-of-day=20" ..
                 "&as-of-month=11&as-of-year=2026"
    return wrk.format("POST", "/items/" .. id .. "/status", headers, body)
  end
  local p = path
  if mode == "mixed" then p = pages[counter % #pages + 1] end
  -- a query no reader asked before: the page is built, not cached
  if mode == "uncached" then
    p = p .. (string.find(p, "?", 1, true) and "&" or "?") .. "miss=" ..
        counter .. "-" .. id
  end
  return wrk.format("GET", p, headers)
end

function response(status, headers, body)
  -- a POST is answered 303 when saved; reads answer 200
  if status == 303 then
    posted = posted + 1
  elseif status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local p, b = 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("posted")
    b = b + t:get("bad")
  end
  io.write(string.format("posted=%d bad=%d\n", p, b))
  io.write(string.format("p99_us=%d rps=%.1f errors=%d\n",
    latency:percentile(99), summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
