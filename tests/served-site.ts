// Unit tests of the Node server run the real scripts/serve.ts against a tiny built site made in a
// temporary folder (the unit tests run before `npm run build`), on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { tempDir } from "./temp-dir.ts";
import { FIXTURE_CONTENT } from "./fixture-content.ts";

export const ROOT = resolve(import.meta.dirname, "..");

/** Text long enough (over 1 KB) that the server compresses the page it is in. */
const FILLER = `<p>${"Answers for remote teams. ".repeat(60)}</p>`;

export const INLINE_THEME_SCRIPT = `document.documentElement.dataset.theme = localStorage.getItem("kb-theme") ?? "light";`;

/** The files of a minimal built site: pages with inline code, hashed and unhashed assets. */
export const FIXTURE_SITE: Record<string, string> = {
  "index.html": `<!doctype html><html><head><title>Help</title><script>${INLINE_THEME_SCRIPT}</script></head><body><main><h1>Help</h1>${FILLER}<pre><span style="--shiki-light:#D73A49;--shiki-dark:#F97583">const</span></pre></main></body></html>`,
  "404.html": `<!doctype html><html><head><title>Not found</title></head><body><main><h1>We could not find that page</h1>${FILLER}</main></body></html>`,
  "tickets/new/index.html": `<!doctype html><html><head><title>Open a ticket</title></head><body><main>${FILLER}
<form data-ticket-form method="post" action="/api/tickets">
  <div id="form-errors" data-error-summary hidden tabindex="-1"><h2>Fix these</h2><ul></ul></div>
  <input id="field-name" name="name"><p id="error-name" data-error-for="name" hidden></p>
  <input type="hidden" name="startedAt" value=""><input type="hidden" name="idempotencyKey" value="">
</form></main></body></html>`,
  "tickets/thanks/index.html": `<!doctype html><html><body><main>${FILLER}<div data-ticket-details hidden><span data-ticket-reference></span></div>
<p data-ticket-generic>We have received your ticket.</p></main></body></html>`,
  "_astro/app.B1x2c3D4.js": `export const app = ${JSON.stringify("x".repeat(2000))};`,
  "pagefind/pagefind.js": `export const pagefind = ${JSON.stringify("y".repeat(2000))};`,
  "pagefind/index/en_1cd0c2b.pf_index": "index chunk",
  // A large site's search index is in shards; the others sit in folders inside the first.
  "pagefind/shard-1/index/en_4f9a1e2.pf_index": "index chunk of another shard",
  "pagefind/pagefind-entry.json": `{"version":"1.6.0"}`,
};

export function writeSite(files: Record<string, string> = FIXTURE_SITE): string {
  const dir = tempDir("kb-served-site-");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface ServedSite {
  origin: string;
  /** Everything the server printed so far, stdout and stderr. */
  output(): string;
  /** Stops the server (SIGTERM: a graceful stop; SIGKILL: as a crash would) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    HELPDESK_TARGET: "local",
    TICKET_MIN_FILL_MS: "0",
    KB_CONTENT_DIR: FIXTURE_CONTENT,
    ...env,
  };
}

/** Starts scripts/serve.ts and resolves once it says where it listens. */
export function startServer(env: Record<string, string>): Promise<ServedSite> {
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.ts"], { cwd: ROOT, env: serverEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((resolveStart, rejectStart) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Help center on (http:\/\/[^/\s]+)\//.exec(output);
      if (match) {
        resolveStart({
          origin: match[1]!,
          output: () => output,
          stop: async (signal: NodeJS.Signals = "SIGTERM") => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => rejectStart(new Error(`scripts/serve.ts exited with ${code} before listening:\n${output}`)));
  });
}

/** Runs scripts/serve.ts expecting it to stop by itself (a start-up failure). */
export function runServerUntilExit(env: Record<string, string>, timeoutMs = 15_000): Promise<RunResult> {
  const child = spawn(process.execPath, ["scripts/serve.ts"], { cwd: ROOT, env: serverEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
  return new Promise((done) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    }),
  );
}
