# Tiny HTTP server for dockgen's end-to-end test: Ruby's standard library
# only (rubygems.org is not reachable where the suite runs, so the Gemfile has
# no gems). bundler/setup loads the bundle the image's build stage installed,
# as a Bundler app does: it fails if the final stage cannot use it.
require "bundler/setup"
require "json"
require "socket"

port = Integer(ENV.fetch("PORT", "8080"))
server = TCPServer.new("0.0.0.0", port)
warn "listening on 0.0.0.0:#{port}"

def respond(client)
  request_line = client.gets or return
  # Read (and ignore) the headers up to the blank line.
  while (line = client.gets) && line != "\r\n" && line != "\n"
  end
  path = request_line.split[1] || "/"
  status, body =
    case path
    when "/uid" then ["200 OK", { uid: Process.uid, gid: Process.gid, pid: Process.pid }]
    when "/" then ["200 OK", { ok: true, stack: "ruby", ruby: RUBY_VERSION }]
    else ["404 Not Found", { ok: false }]
    end
  body = JSON.generate(body)
  client.write "HTTP/1.1 #{status}\r\nContent-Type: application/json\r\n" \
               "Content-Length: #{body.bytesize}\r\nConnection: close\r\n\r\n#{body}"
rescue StandardError => e
  warn "request failed: #{e.class}: #{e.message}"
ensure
  client.close
end

loop do
  client = server.accept
  Thread.new(client) { |c| respond(c) }
end
