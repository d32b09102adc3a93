// The Node server `npm start` runs: the built site's files, the ticket pages and endpoint, and the
// feedback endpoint on one origin, every response wrapped by the request envelope.
import { serve, type Server, type ServerRequest } from "srvx";
import { staticMiddleware } from "srvx/static";
import { compressResponse } from "./compression.ts";
import type { HeaderRule } from "./headers-file.ts";
import { createRequestEnvelope } from "./request-envelope.ts";
import type { ServerConfig } from "./server-config.ts";

/** Answers a request, or null to leave it to the next part of the site. */
export type DynamicRoute = (request: ServerRequest) => Promise<Response | null>;

export interface NodeServerOptions {
  config: ServerConfig;
  /** From dist/_headers (built-site-headers.ts). */
  rules: readonly HeaderRule[];
  /** Tried in order before the static files. */
  routes: readonly DynamicRoute[];
  /** The built 404 page. */
  notFoundPage: string;
  log(line: string): void;
}

export function startNodeServer(options: NodeServerOptions): Server {
  const { config } = options;
  const dynamic = (route: DynamicRoute) => async (request: ServerRequest, next: () => Response | Promise<Response>) => {
    const response = await route(request);
    return response ? compressResponse(request, response) : next();
  };
  return serve({
    port: config.port,
    hostname: config.hostname,
    silent: true,
    // scripts/serve.ts shuts down itself, so the outbox and the databases close in order.
    gracefulShutdown: false,
    node: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node checks those limits on this interval (30 s by default), which would let a slow client
      // keep its connection open for up to 30 s more.
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    },
    middleware: [
      createRequestEnvelope({ rules: options.rules, log: options.log }),
      ...options.routes.map(dynamic),
      staticMiddleware({ dir: config.distDir }),
    ],
    fetch: (request) =>
      compressResponse(
        request,
        new Response(options.notFoundPage, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } }),
      ),
  });
}
