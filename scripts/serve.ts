// Serves the built site and, on the same origin, the ticket endpoint. This is the embedded default
// that `npm start` runs; static hosting plus a serverless function is the alternative (see README).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { serve } from "srvx";
import { staticMiddleware } from "srvx/static";

const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");
const port = Number(process.env.PORT ?? 4321);
const hostname = process.env.HOST ?? "127.0.0.1";

const notFoundPage = await readFile(resolve(distDir, "404.html"), "utf8").catch(() => "Not found");

const server = serve({
  port,
  hostname,
  silent: true,
  middleware: [staticMiddleware({ dir: distDir })],
  async fetch() {
    return new Response(notFoundPage, { status: 404, headers: { "content-type": "text/html; charset=utf-8" } });
  },
});

await server.ready();
console.log(`Help center on ${server.url}`);
