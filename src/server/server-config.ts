// Settings of the Node server (`npm start`, `npm run serve`), from environment variables. The ticket
// endpoint's own settings are listed in src/helpdesk/config.ts.
//
//   PORT                         port to listen on (default 4321)
//   HOST                         address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
//   KB_DIST_DIR                  the built site to serve (default dist/)
//   SERVER_HEADERS_TIMEOUT_MS    a client must have sent its request headers this long after it started
//                                (default 10000), so slow clients cannot hold connections open
//   SERVER_REQUEST_TIMEOUT_MS    ... and its whole request, attachments included (default 300000: 21 MB
//                                of attachments at about 0.6 Mbit/s)
import { resolve } from "node:path";

export interface ServerConfig {
  port: number;
  hostname: string;
  distDir: string;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export class ServerConfigError extends Error {}

export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name} is "${raw}"; write a whole number from ${min} to ${max}, or remove it to use ${fallback}`);
    return fallback;
  };
  const config: ServerConfig = {
    port: number("PORT", 4321, 0, 65535),
    hostname: env.HOST?.trim() || "127.0.0.1",
    distDir: resolve(env.KB_DIST_DIR?.trim() || "dist"),
    headersTimeoutMs: number("SERVER_HEADERS_TIMEOUT_MS", 10_000, 100),
    requestTimeoutMs: number("SERVER_REQUEST_TIMEOUT_MS", 300_000, 1_000),
  };
  // Node requires the whole-request limit to be at least the headers limit.
  if (config.requestTimeoutMs < config.headersTimeoutMs) {
    problems.push(`SERVER_REQUEST_TIMEOUT_MS (${config.requestTimeoutMs}) must be at least SERVER_HEADERS_TIMEOUT_MS (${config.headersTimeoutMs})`);
  }
  if (problems.length) throw new ServerConfigError(`The server cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return config;
}
