// A stand-in helpdesk for the browser tests: accepts webhook deliveries, checks their signature,
// and lists what it received so a test can see that a ticket arrived exactly once. It also plays the
// team's chat (tests/chat-servers.ts): Rocket.Chat and the other products' incoming webhooks, with
// what they received at GET /chat-received.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { createChatHandler } from "../chat-servers.ts";

const port = Number(process.env.HELPDESK_STUB_PORT);
const secret = process.env.WEBHOOK_SECRET ?? "e2e-webhook-secret";
const received: { signatureValid: boolean; idempotencyKey: string | null; body: unknown }[] = [];

function signatureValid(raw: Buffer, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const chat = createChatHandler();

createServer((request, response) => {
  if (chat.handle(request, response)) return;
  if (request.method === "GET" && request.url === "/received") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(received));
    return;
  }
  if (request.method === "POST" && request.url === "/hook") {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({
        signatureValid: signatureValid(raw, request.headers["x-signature"] as string | undefined),
        idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
        body: JSON.parse(raw.toString("utf8")),
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: `stub-${received.length}` }));
    });
    return;
  }
  response.writeHead(404).end();
}).listen(port, "127.0.0.1");
