// Helpers for the ticket browser tests: the staff command against a server's data folder, and a
// second help-center server with settings of its own (the main one runs with the time trap off).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTicketsCommand, type TicketsCommandResult } from "../tickets-cli.ts";
import { ROOT } from "./fixtures.ts";

/** `npm run tickets -- <args>` against a data folder; resolves with its output whatever its exit code. */
export function ticketsCommand(dataDir: string, ...args: string[]): Promise<TicketsCommandResult> {
  return runTicketsCommand({ PATH: process.env.PATH ?? "", KB_DATA_DIR: dataDir }, args);
}

export interface PortalServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts scripts/serve.ts on a port the system picks (so it never collides with another run),
 * forwarding to the same stand-in helpdesk as the main server, with `env` on top.
 */
export async function startPortal(env: Record<string, string>): Promise<PortalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "kb-e2e-portal-"));
  const child = spawn(process.execPath, ["scripts/serve.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      KB_DATA_DIR: dataDir,
      KB_DIST_DIR: process.env.KB_DIST_DIR ?? "dist",
      HELPDESK_TARGET: "webhook",
      WEBHOOK_URL: `${process.env.E2E_HELPDESK_URL}/hook`,
      WEBHOOK_SECRET: "e2e-webhook-secret",
      TICKET_RATE_LIMIT_MAX: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The second server did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const started = /Help center on (http:\/\/\S+?)\/? /.exec(output);
      if (started) {
        clearTimeout(timer);
        resolve(started[1]!);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`The second server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
