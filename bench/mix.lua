-- Read pages from a list of addresses, each request a random one, as anonymous readers or,
-- when BENCH_SESSIONS is set, as signed-in people (one session per request, in turn).
-- The addresses file has one line per address: "<kind>\t<path>"; BENCH_KIND keeps one kind.
-- Any answer other than 200 is counted and reported, so a broken address is not a fast one.

local paths = {}
local sessions = {}
local threads = {}
local counter = 0
failed = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local only = os.getenv("BENCH_KIND")
  for line in io.lines(os.getenv("BENCH_ADDRESSES")) do
    local kind, path = line:match("^(.-)\t(.*)$")
    if only == nil or only == "" or kind == only then
      table.insert(paths, path)
    end
  end
  local file = os.getenv("BENCH_SESSIONS")
  if file and file ~= "" then
    for line in io.lines(file) do
      table.insert(sessions, (line:match("^(.-)\t")))
    end
  end
  math.randomseed(id * 7919)
end

function request()
  counter = counter + 1
  local path = paths[math.random(#paths)]
  if #sessions > 0 then
    return wrk.format("GET", path, { ["Cookie"] = sessions[((counter * 7 + id) % #sessions) + 1] })
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("failed")
  end
  io.write(string.format("failed=%d\n", total))
end
