-- wrk script for `npm run bench`: every request carries the logged-in cookie of the next bench
-- user, so 50 connections are 50 different subscribers at any moment, as on a real site (one
-- cookie would let per-user caches inside WordPress flatter the numbers).
--
-- Arguments after `--`: PATH PLUGIN(on|off) COOKIE_FILE (one "name=value" cookie per line).

local cookies = {}
local next_index = 0
local path = "/"
local plugin = "on"

function init(args)
	path = args[1] or "/"
	plugin = args[2] or "on"
	for line in io.lines(args[3]) do
		if #line > 0 then
			cookies[#cookies + 1] = line
		end
	end
	-- wrk gives each thread its own Lua state; start threads at different users.
	next_index = math.random(#cookies) - 1
end

function request()
	next_index = (next_index + 1) % #cookies
	return wrk.format("GET", path, {
		["Cookie"] = cookies[next_index + 1],
		["X-Helpdesky-Bench-Plugin"] = plugin,
	})
end
