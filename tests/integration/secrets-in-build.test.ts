// Helpdesk secrets live in environment variables for the server. Building the site with them set
// must not copy any of them, or even their names, into the files that get published.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../fixture-content.ts";
import { tempDir } from "../temp-dir.ts";

const CANARIES: Record<string, string> = {
  WEBHOOK_SECRET: "canary-webhook-7f3a91",
  ZENDESK_API_TOKEN: "canary-zendesk-2b8c44",
  ZOHO_CLIENT_SECRET: "canary-zoho-secret-9d1e07",
  ZOHO_REFRESH_TOKEN: "canary-zoho-refresh-5a6b22",
  FRESHDESK_API_KEY: "canary-freshdesk-c3d870",
  TICKET_TIME_TRAP_SECRET: "canary-timetrap-e41f09",
  ALERT_WEBHOOK_SUPPORT_TEAM: "https://chat.example.com/hooks/canary-alert-hook-6e2d1b/canary-alert-token-8c4f30",
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("the built site", () => {
  it("contains no helpdesk secret and no secret's name", { timeout: 180_000 }, () => {
    const dir = tempDir("kb-secrets-");
    const out = join(dir, "out");
    const result = spawnSync(join(ROOT, "node_modules/.bin/astro"), ["build"], {
      cwd: ROOT,
      env: { ...process.env, ...CANARIES, HELPDESK_TARGET: "webhook", WEBHOOK_URL: "https://hooks.example.com/x", KB_OUT_DIR: out, KB_CACHE_DIR: join(dir, "cache"), ASTRO_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const files = filesUnder(out);
    expect(files.some((f) => f.endsWith("tickets/new/index.html"))).toBe(true);
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "latin1");
      for (const [name, value] of Object.entries(CANARIES)) {
        if (text.includes(value)) leaks.push(`${file}: value of ${name}`);
        if (text.includes(name)) leaks.push(`${file}: the name ${name}`);
      }
      if (text.includes("Zoho-oauthtoken")) leaks.push(`${file}: helpdesk auth code`);
    }
    expect(leaks).toEqual([]);
  });
});
