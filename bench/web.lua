-- wrk script for bench/web: a signed-in user's traffic.
-- Env: GT_COOKIE (session cookie), GT_CSRF (its form token), GT_ORIGIN
-- (the server's origin), GT_MODE, GT_PATH, GT_READ and GT_WRITE (space-
-- separated item ids read and updated; the two lists do not overlap).
-- Modes: "get" asks for GT_PATH every time; "items" reads the item pages
-- of GT_READ in turn; "posts" updates the items of GT_WRITE in turn;
-- "mixed" is 90% reads (home, the plan, the items of GT_READ in turn) and
-- 10% updates of GT_WRITE in turn, so no read is of the item just updated.
local cookie = os.getenv("GT_COOKIE")
local csrf = os.getenv("GT_CSRF")
local mode = os.getenv("GT_MODE") or "get"
local path = os.getenv("GT_PATH") or "/"
local origin = os.getenv("GT_ORIGIN")

local function ids(name)
  local list = {}
  for id in string.gmatch(os.getenv(name) or "", "%d+") do
    list[#list + 1] = id
  end
  return list
end
local reads, writes = ids("GT_READ"), ids("GT_WRITE")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  posted = 0       -- updates the server acknowledged (303)
  bad = 0          -- any other answer
  -- each thread starts elsewhere in the lists
  counter = (id or 1) * 7919
end

local function post()
  local item = writes[counter % #writes + 1]
  local headers = {["Cookie"] = cookie, ["Origin"] = origin,
                   ["Content-Type"] = "application/x-www-form-urlencoded"}
  local body = "csrf=" .. csrf .. "&brag=amber&comment=bench&as-of-day=20" ..
               "&as-of-month=11&as-of-year=2026"
  return wrk.format("POST", "/items/" .. item .. "/status", headers, body)
end

local function item_page()
  return "/items/" .. reads[counter % #reads + 1]
end

function request()
  counter = counter + 1
  local headers = {["Cookie"] = cookie}
  if mode == "posts" or (mode == "mixed" and counter % 10 == 0) then
    return post()
  end
  local p = path
  if mode == "items" then
    p = item_page()
  elseif mode == "mixed" then
    local k = counter % 3
    p = k == 0 and "/" or (k == 1 and "/plans/bench" or item_page())
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
