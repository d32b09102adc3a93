// Which settings are secrets, judged by the variable's name so that a variable added later (a chat
// webhook, a database URL) is covered without being listed here: a name containing SECRET, TOKEN,
// PASSWORD, API_KEY, PRIVATE_KEY, CREDENTIAL or HOOK_URL (WEBHOOK_URL, SLACK_WEBHOOK_URL, ...) holds
// a secret as a whole. Any other variable whose value is a URL with a user name, password or query
// contributes those parts, so DATABASE_URL's password is a secret too.
import { createRedactor, type Redactor } from "../lib/redact.ts";

type Env = Record<string, string | undefined>;

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL|HOOK_URL/i;

/** Whether a variable's value must never be shown: not in messages, logs or stored errors. */
export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A URL's password (or its user name when it has none: then the name is the token) and query values. */
function urlCredentials(value: string): string[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [];
  try {
    const url = new URL(value);
    return [url.password || url.username, ...url.searchParams.values()].filter(Boolean);
  } catch {
    return [];
  }
}

/** The secret values set in `env`: whole values of secret variables, credential parts of other URLs. */
export function secretValues(env: Env): string[] {
  const secrets: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (!value) continue;
    if (isSecretVariable(name)) secrets.push(value);
    else secrets.push(...urlCredentials(value));
  }
  return secrets;
}

/** Redacts every secret set in `env`, and anything shaped like a credential (see src/lib/redact.ts). */
export function envRedactor(env: Env): Redactor {
  return createRedactor(secretValues(env));
}
