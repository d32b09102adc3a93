// The four chat formats behind one function, with what each product allows in a burst. The rates
// are the products' documented defaults (Rocket.Chat: 10 calls a minute per hook; Slack: about one
// message a second; Teams connectors: 4 a second, 60 in 30 seconds; Mattermost: 10 a second when on).
import { ALERT_FORMAT_NAMES, type AlertDestination, type AlertFormat } from "../../lib/content-schemas.ts";
import type { AlertMessage } from "./message.ts";
import { mattermostPayload } from "./mattermost.ts";
import { rocketChatPayload } from "./rocketchat.ts";
import { slackPayload } from "./slack.ts";
import { teamsPayload } from "./teams.ts";

export function alertPayload(message: AlertMessage, destination: Pick<AlertDestination, "format" | "channel">): object {
  switch (destination.format) {
    case "rocketchat":
      return rocketChatPayload(message, destination);
    case "slack":
      return slackPayload(message);
    case "mattermost":
      return mattermostPayload(message, destination);
    case "teams":
      return teamsPayload(message);
  }
}

/** A token bucket per destination: `burst` posts at once, refilled at `perMinute`. */
export const FORMAT_RATES: Record<AlertFormat, { burst: number; perMinute: number }> = {
  rocketchat: { burst: 10, perMinute: 10 },
  slack: { burst: 3, perMinute: 60 },
  mattermost: { burst: 20, perMinute: 600 },
  teams: { burst: 4, perMinute: 30 },
};

export const productName = (format: AlertFormat) => ALERT_FORMAT_NAMES[format];
