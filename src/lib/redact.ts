// Keeps credentials out of text that people read or that is kept: error messages stored with a
// ticket, log lines, what the staff commands print, start-up messages. Two kinds of rule:
// - known values: the secrets this process was configured with (and their parts: a URL's password,
//   query values and token-like path segments, the URL-encoded form), wherever they appear;
// - shapes: what looks like a credential whatever its value (a password in a URL, query values,
//   "Authorization: Bearer …", "client_secret=…", "\"access_token\": \"…\""), for secrets this
//   process was never told about, such as a token a helpdesk sent back.
// Browser-safe and dependency-free, so any module that creates or keeps an error message can use it.

export const REDACTED = "[redacted]";

/** Shorter known values are redacted only by shape: replacing every "abc" in a text would garble it. */
const MIN_SECRET_LENGTH = 6;

/** A path segment at least this long in a secret URL is taken for a token (Slack and Teams hooks carry one). */
const MIN_PATH_TOKEN_LENGTH = 16;

export type Redactor = (text: string) => string;

function tryUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && url.host ? url : null;
  } catch {
    return null;
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The parts of a URL that carry credentials: the password (or the user name when there is none, as
 * then the name is the token), query values and long path segments.
 */
function urlSecretParts(url: URL): string[] {
  const parts = [url.password || url.username, ...url.searchParams.values()];
  for (const segment of url.pathname.split("/")) if (segment.length >= MIN_PATH_TOKEN_LENGTH) parts.push(segment);
  return parts.flatMap((part) => [part, decoded(part)]);
}

/** "https://hooks.example.com/[redacted]": enough to tell which service, nothing that lets anyone call it. */
function urlStandIn(url: URL): string {
  return `${url.protocol}//${url.host}/${REDACTED}`;
}

interface Replacement {
  find: string;
  replace: string;
}

/** Every form in which a configured secret can turn up in a message, with what replaces it. */
function replacementsFor(secret: string): Replacement[] {
  const value = secret.trim();
  if (value.length < MIN_SECRET_LENGTH) return [];
  const url = tryUrl(value);
  const found: Replacement[] = [];
  if (url) {
    const standIn = urlStandIn(url);
    for (const form of [value, url.href, url.href.replace(/\/+$/, ""), value.replace(/\/+$/, "")]) {
      found.push({ find: form, replace: standIn });
    }
    for (const part of urlSecretParts(url)) found.push({ find: part, replace: REDACTED });
  } else {
    found.push({ find: value, replace: REDACTED });
  }
  const encoded = found.flatMap(({ find, replace }) => {
    const inUrl = encodeURIComponent(find);
    return inUrl === find ? [] : [{ find: inUrl, replace }];
  });
  return [...found, ...encoded].filter(({ find }) => find.length >= MIN_SECRET_LENGTH);
}

/**
 * Looks like a credential rather than a word: long, and with a digit, a symbol or a change of case
 * inside. Punctuation that ends a sentence does not count, so "token provided." stays prose.
 */
function looksLikeCredential(token: string): boolean {
  const core = token.replace(/[.,;:!?]+$/, "");
  return core.length >= 8 && (/[0-9+/=_.~-]/.test(core) || /[a-z][A-Z]/.test(core));
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const AUTH_SCHEME_PATTERN = /\b(Basic|Bearer|Digest|Token|Zoho-oauthtoken)(\s+)([A-Za-z0-9._~+/=-]+)/gi;
const CREDENTIAL_FIELD_PATTERN =
  /\b([A-Za-z0-9_.-]*?(?:secret|token|password|passwd|pwd|api[_-]?key|apikey|signature|sig|credentials?))(["']?\s*[=:]\s*["']?)([^\s"'&,;)}\]]+)/gi;

/** Inside one URL: the user name and password, and every query value. */
function redactUrl(text: string): string {
  return text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]+@/i, `$1${REDACTED}@`)
    .replace(/([?&][^=&#\s]+=)([^&#\s]+)/g, (_match, key: string, value: string) => (value === REDACTED ? `${key}${value}` : `${key}${REDACTED}`));
}

/** Redacts what looks like a credential in `text`, whatever its value. */
export function redactCredentialShapes(text: string): string {
  return text
    .replace(URL_PATTERN, redactUrl)
    .replace(AUTH_SCHEME_PATTERN, (match, scheme: string, space: string, token: string) =>
      looksLikeCredential(token) ? `${scheme}${space}${REDACTED}` : match,
    )
    // A URL after "credentials:" was already dealt with by the URL rule, which keeps its host.
    .replace(CREDENTIAL_FIELD_PATTERN, (match, key: string, separator: string, value: string) =>
      value.startsWith("[") || value.includes("://") ? match : `${key}${separator}${REDACTED}`,
    );
}

/**
 * A function that removes `secrets` (in every form listed above) and anything shaped like a
 * credential from a text. Longer secrets are replaced first, so a URL goes before its parts.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const replacements = [...new Set([...secrets])]
    .flatMap(replacementsFor)
    .sort((a, b) => b.find.length - a.find.length);
  return (text) => {
    let result = text;
    for (const { find, replace } of replacements) {
      if (result.includes(find)) result = result.split(find).join(replace);
    }
    return redactCredentialShapes(result);
  };
}
