// For scripts that measure the built site in a browser (`npm run audit`, `npm run bench`): starts
// scripts/serve.ts on a port and resolves once it answers, so they measure what `npm start` serves.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { freePort } from "./lib/free-port.ts";

export interface SiteServer {
  origin: string;
  stop(): void;
}

export interface SiteServerOptions {
  distDir: string;
  /** Where the ticket store goes: a throwaway folder, so measuring never touches real tickets. */
  dataDir: string;
  /** The checkout whose scripts/serve.ts and content/ to use; this project by default. */
  root?: string;
  /** A free one is chosen when none is given. */
  port?: number;
  timeoutMs?: number;
}

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const root = options.root ?? resolve(import.meta.dirname, "..");
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["scripts/serve.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      KB_DIST_DIR: options.distDir,
      KB_DATA_DIR: options.dataDir,
      KB_CONTENT_DIR: join(root, "content"),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => void server.kill("SIGTERM");
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`scripts/serve.ts exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${origin}/`)).ok) return { origin, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`scripts/serve.ts did not answer at ${origin}`);
}
