// Tiny HTTP app for dockgen's end-to-end test. One small dependency from the
// npm registry so that the generated `npm ci` step has something to install.
const http = require("node:http");
const isNumber = require("is-number");

const port = isNumber(process.env.PORT) ? Number(process.env.PORT) : 3000;

http
  .createServer((req, res) => {
    const body =
      req.url === "/uid"
        ? { uid: process.getuid(), gid: process.getgid(), pid: process.pid }
        : { ok: true, stack: "node-npm" };
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  })
  .listen(port, "0.0.0.0");
