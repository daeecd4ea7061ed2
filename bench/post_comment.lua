-- Post comments as many signed-in people, each request with its own text, and count
-- what the site accepted (a redirect back to the consultation) per thread.
-- The sessions file has one line per person: "<cookie header>\t<csrf token>".

local sessions = {}
local threads = {}
local counter = 0
accepted = 0  -- globals, so done() can read each thread's count
refused = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local cookie, token = line:match("^(.-)\t(.*)$")
    table.insert(sessions, { cookie = cookie, token = token })
  end
  run = os.getenv("BENCH_RUN")
  path = os.getenv("BENCH_POST_PATH")
end

function request()
  counter = counter + 1
  local person = sessions[((counter * 7 + id) % #sessions) + 1]
  local body = "csrf_token=" .. person.token
    .. "&body=" .. run .. "-" .. id .. "-" .. counter .. "+is+a+comment+from+the+benchmark"
    .. "&section=&stance=&language=en&website="
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = person.cookie,
  }, body)
end

function response(status, headers, body)
  if status == 302 or status == 303 then
    accepted = accepted + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_accepted, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("accepted=%d refused=%d\n", total_accepted, total_refused))
end
