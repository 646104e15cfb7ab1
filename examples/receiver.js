// A correct minimal receiver of Blue's webhooks in Node.js, with the http module alone.
// It passes `bluehook check`: it verifies X-Signature over the raw bytes received, refuses
// what does not verify with 401, answers before doing the work, and takes any event in any
// order, twice if Blue redelivers.
//
// Run: BLUE_WEBHOOK_SECRET=... PORT=3000 node examples/receiver.js
//      bluehook check http://127.0.0.1:3000/ --secret "$BLUE_WEBHOOK_SECRET"
"use strict";
const http = require("node:http");
const crypto = require("node:crypto");

const SECRET = process.env.BLUE_WEBHOOK_SECRET;
const PORT = Number(process.env.PORT ?? 3000);
const LIMIT = 10 * 1024 * 1024; // bodies larger than this get 413

// HMAC-SHA256 of the raw body, compared in constant time. Never hash JSON.stringify(parsed):
// re-serialised JSON is not the bytes Blue signed.
function verified(body, header) {
  const expected = crypto.createHmac("sha256", SECRET).update(body).digest();
  const given = Buffer.from(typeof header === "string" ? header : "", "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

// The work: idempotent (a redelivery changes nothing) and tolerant of ids never seen.
function handle(delivery) {
  const entity = delivery.currentValue ?? delivery.previousValue ?? {};
  console.log(`${delivery.event} ${entity.id ?? ""}`);
}

function receive(req, res) {
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > LIMIT) {
      res.writeHead(413).end();
      req.destroy();
    } else {
      chunks.push(chunk);
    }
  });
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (!verified(body, req.headers["x-signature"])) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200).end(); // answer first: Blue waits 7 s at most
    setImmediate(() => {
      try {
        handle(JSON.parse(body));
      } catch (err) {
        console.error(`delivery not handled: ${err}`);
      }
    });
  });
}

const server = http.createServer(receive);
server.listen(PORT, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
