-- wrk script for bench/load.sh: requests take turns among the signed-in leaders' session cookies
-- (BENCH_COOKIES, separated by "|"); any answer but 200 counts as an error.

local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do
  cookies[#cookies + 1] = cookie
end
local threads = {}

function setup(thread)
  thread:set("turn", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  prepared = {}
  for i, cookie in ipairs(cookies) do
    local headers = { Cookie = cookie }
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    prepared[i] = wrk.format("GET", nil, headers)
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
  io.write(string.format("latency: median %.0f ms, 99th percentile %.0f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
