-- wrk script for bench/load.sh: requests go through every path of the mix (BENCH_URLS, a file of
-- paths, one a line; without it the URL given to wrk) for each signed-in leader's session cookie
-- in turn (BENCH_COOKIES, separated by "|"); any answer but 200 counts as an error.

local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do
  cookies[#cookies + 1] = cookie
end
local paths = {}
local listed = os.getenv("BENCH_URLS")
if listed and listed ~= "" then
  for line in io.lines(listed) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
end
local threads = {}

function setup(thread)
  thread:set("turn", #threads * 7)  -- threads start at different places of the mix
  threads[#threads + 1] = thread
end

function init(args)
  local mix = #paths > 0 and paths or { wrk.path }
  prepared = {}
  for _, cookie in ipairs(cookies) do
    for _, path in ipairs(mix) do
      local headers = { Cookie = cookie }
      for name, value in pairs(wrk.headers) do
        headers[name] = value
      end
      prepared[#prepared + 1] = wrk.format("GET", path, headers)
    end
  end
  not_ok = 0
end

function request()
  turn = turn + 1
  return prepared[turn % #prepared + 1]
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, _)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("not_ok")
  end
  local e = summary.errors
  io.write(string.format("requests/s: %.1f (%d requests in %.1f s)\n",
    summary.requests / summary.duration * 1e6, summary.requests, summary.duration / 1e6))
  io.write(string.format("errors: %d answers other than 200; sockets: %d connect, %d read, %d write, %d timeout\n",
    failed, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency: median %.0f ms, 99th percentile %.0f ms, slowest %.0f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
