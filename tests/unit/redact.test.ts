import { describe, expect, test } from "vitest";
import { envRedactor, isSecretVariable, secretValues } from "../../src/helpdesk/secrets.ts";
import { createRedactor, redactCredentialShapes } from "../../src/lib/redact.ts";

describe("createRedactor", () => {
  test("a configured URL is replaced by its scheme and host wherever it appears, also as fetch writes it", () => {
    const redact = createRedactor(["https://hook-user:Pa55-word-9@hooks.example.com/t/in?sig=AbC123xyz789&sv=1.0"]);
    expect(redact("Could not reach https://hook-user:Pa55-word-9@hooks.example.com/t/in?sig=AbC123xyz789&sv=1.0 (refused)")).toBe(
      "Could not reach https://hooks.example.com/[redacted] (refused)",
    );
    // The password, the signature and their URL-encoded forms, alone.
    expect(redact("bad password Pa55-word-9, sig AbC123xyz789")).toBe("bad password [redacted], sig [redacted]");
  });

  test("a Slack or Teams style hook loses its token, also when only the path is quoted", () => {
    const redact = createRedactor(["https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX"]);
    expect(redact("POST /services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX answered 404")).toBe(
      "POST /services/T0001/B0002/[redacted] answered 404",
    );
  });

  test("plain secrets are replaced, longest first, and short values only by shape", () => {
    const redact = createRedactor(["zd-token-1234567890", "zd-token-1234", "abc"]);
    expect(redact("token zd-token-1234567890 and zd-token-1234 for abc")).toBe("token [redacted] and [redacted] for abc");
  });

  test("text with no secret is left as it is", () => {
    const redact = createRedactor(["s3cr3t-value"]);
    const line = "forward PX-7K4Q-2MZD failed (kept; retry with npm run tickets -- --retry PX-7K4Q-2MZD): Zendesk answered 422: Requester email is invalid";
    expect(redact(line)).toBe(line);
  });
});

describe("redactCredentialShapes", () => {
  test.each([
    ["https://bob:hunter2@example.com/hook", "https://[redacted]@example.com/hook"],
    ["https://example.com/hook?sig=abc&api-version=1", "https://example.com/hook?sig=[redacted]&api-version=[redacted]"],
    ["Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.abc", "Authorization: Bearer [redacted]"],
    ["Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [redacted]"],
    ["Zoho-oauthtoken 1000.abcdef0123456789", "Zoho-oauthtoken [redacted]"],
    ['{"error":"invalid","access_token":"1000.abc","client_secret":"xyz"}', '{"error":"invalid","access_token":"[redacted]","client_secret":"[redacted]"}'],
    ["grant_type=refresh_token&refresh_token=1000.abc&client_id=x", "grant_type=refresh_token&refresh_token=[redacted]&client_id=x"],
    ["X-Signature: sha256=0a1b2c", "X-Signature: [redacted]"],
  ])("%s", (input, expected) => {
    expect(redactCredentialShapes(input)).toBe(expected);
  });

  test("words that only resemble credentials are kept", () => {
    for (const text of [
      "Basic Support tier",
      "Zoho refused the refresh token (invalid_code); create a new one and set ZOHO_REFRESH_TOKEN",
      "design: new; Token expired",
      'Rocket.Chat answered 404 "Invalid integration id or token provided."',
      "ticket PX-7K4Q-2MZD department=paid-support priority=High due=2025-07-15T13:00:00.000Z forward=pending",
    ]) {
      expect(redactCredentialShapes(text)).toBe(text);
    }
  });
});

describe("secrets in the environment", () => {
  test("a variable is secret by its name, so variables added later are covered too", () => {
    for (const name of ["WEBHOOK_SECRET", "WEBHOOK_URL", "ZENDESK_API_TOKEN", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN", "FRESHDESK_API_KEY", "TICKET_TIME_TRAP_SECRET", "ALERT_SLACK_WEBHOOK_URL", "DB_PASSWORD"]) {
      expect(isSecretVariable(name), name).toBe(true);
    }
    for (const name of ["HELPDESK_TARGET", "ZENDESK_EMAIL", "ZENDESK_BASE_URL", "KB_DATA_DIR", "TICKET_RATE_LIMIT_MAX"]) {
      expect(isSecretVariable(name), name).toBe(false);
    }
  });

  test("secret values are the secret variables' values and the credentials in any other URL", () => {
    expect(
      secretValues({
        WEBHOOK_SECRET: " change-me-now ",
        ZENDESK_BASE_URL: "https://agent:pw-123456@parley.zendesk.com",
        DATABASE_URL: "postgres://kb:db-pass-999@db.internal/kb?sslkey=k3y-file-path",
        HELPDESK_TARGET: "webhook",
        EMPTY_TOKEN: "",
      }).sort(),
    ).toEqual(["change-me-now", "db-pass-999", "k3y-file-path", "pw-123456"].sort());
  });

  test("envRedactor removes every one of them", () => {
    const redact = envRedactor({ WEBHOOK_SECRET: "change-me-now", FRESHDESK_API_KEY: "fd-key-abcdef" });
    expect(redact("signed with change-me-now; key fd-key-abcdef")).toBe("signed with [redacted]; key [redacted]");
  });
});
