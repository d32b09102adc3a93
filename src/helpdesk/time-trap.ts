// The time trap: the form carries a signed "started at" token, and a submission that comes back
// faster than a person could type is treated as a bot. Web Crypto only, so it runs anywhere.
const encoder = new TextEncoder();

async function signature(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`startedAt:${message}`)));
  return btoa(String.fromCharCode(...mac)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A token for the form's hidden `startedAt` field: "<epoch ms>.<signature>". */
export async function issueStartedAt(secret: string, now: Date): Promise<string> {
  const issued = String(now.getTime());
  return `${issued}.${await signature(secret, issued)}`;
}

/**
 * How long ago the token was issued, or null if it is not one of ours (missing, malformed, or signed
 * with another secret, such as before a restart). Callers treat null as "no time trap".
 */
export async function startedAtAgeMs(token: string | undefined, secret: string, now: Date): Promise<number | null> {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{20,})$/.exec(token ?? "");
  if (!match) return null;
  const [, issued = "", mac = ""] = match;
  if ((await signature(secret, issued)) !== mac) return null;
  return now.getTime() - Number(issued);
}
