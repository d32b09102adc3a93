// The chat destinations' webhook addresses, from environment variables: alerts.yaml names each
// destination, and ALERT_WEBHOOK_<ID> holds its address, which is a secret (the token is in it).
//
// A destination whose variable is unset is off: the server starts, says so once, and records its
// alerts as not sent, so a newcomer's `npm start` works with the sample alerts.yaml and nothing set.
// ALERT_WEBHOOKS_REQUIRED=true turns every unset variable into a start-up error instead, for a
// deployment where silence in chat must never go unnoticed. A variable that is set but is not a
// usable address always stops the start, naming the variable but never echoing its value.
import { ALERT_FORMAT_NAMES, type AlertDestination } from "../../lib/content-schemas.ts";

export interface AlertSettings {
  /** Destination id → webhook address, for the destinations that are on. */
  webhooks: Record<string, string>;
  /** Destinations with no address: their alerts are recorded as not sent. */
  off: { destination: AlertDestination; variable: string }[];
  /** How often the server checks stored tickets' first-response due times. */
  watchIntervalMs: number;
}

/** support-team → ALERT_WEBHOOK_SUPPORT_TEAM. */
export function webhookVariable(destinationId: string): string {
  return `ALERT_WEBHOOK_${destinationId.toUpperCase().replace(/-/g, "_")}`;
}

export function describeDestination(destination: Pick<AlertDestination, "id" | "name" | "format">): string {
  return `${destination.id} (${destination.name}, ${ALERT_FORMAT_NAMES[destination.format]})`;
}

/** Why an address cannot be used, in words that do not repeat it; null when it can. */
function addressProblem(value: string, destination: AlertDestination): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a web address; paste the whole webhook address the chat product showed, starting with https://";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `starts with ${url.protocol} instead of https:`;
  if (url.username || url.password) return "has a user name or password in it; paste the webhook address exactly as the chat product showed it";
  if (destination.format === "teams" && /(^|\.)webhook\.office\.com$|^outlook\.office(365)?\.com$/.test(url.hostname)) {
    return "is an Office 365 connector address, which Microsoft retired; create a Workflows webhook instead (README: Chat alerts)";
  }
  return null;
}

export function readAlertSettings(
  env: Record<string, string | undefined>,
  destinations: readonly AlertDestination[],
  readNumber: (name: string, fallback: number, min: number) => number,
): { settings: AlertSettings; problems: string[] } {
  const required = env.ALERT_WEBHOOKS_REQUIRED?.trim();
  const problems: string[] = [];
  if (required !== undefined && required !== "" && required !== "true" && required !== "false") {
    problems.push(`ALERT_WEBHOOKS_REQUIRED is "${required}"; write true or false, or remove it`);
  }
  const settings: AlertSettings = { webhooks: {}, off: [], watchIntervalMs: readNumber("ALERT_WATCH_INTERVAL_MS", 60_000, 1_000) };
  for (const destination of destinations) {
    const variable = webhookVariable(destination.id);
    const value = env[variable]?.trim();
    if (!value) {
      if (required === "true") {
        problems.push(
          `${variable} is not set; content/data/alerts.yaml sends alerts to ${describeDestination(destination)}. Set it to that channel's incoming-webhook address (README: Chat alerts), or remove the destination and its rules`,
        );
      } else settings.off.push({ destination, variable });
      continue;
    }
    const problem = addressProblem(value, destination);
    if (problem) problems.push(`${variable} (the webhook for ${describeDestination(destination)}) ${problem}`);
    else settings.webhooks[destination.id] = value;
  }
  return { settings, problems };
}
