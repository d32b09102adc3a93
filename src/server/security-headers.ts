// The site's response headers, defined once: the build writes them to dist/_headers for static
// hosts (built-site-headers.ts), and the Node server serves that same file's rules
// (request-envelope.ts), so a static host and `npm start` answer with the same headers.
import type { HeaderRule } from "./headers-file.ts";

/** Base64 SHA-256 digests, as CSP writes them ('sha256-…'), of what the built pages carry inline. */
export interface InlineHashes {
  /** Contents of inline <script> elements that run (not JSON data blocks). */
  scripts: readonly string[];
  /** Contents of <style> elements and values of style="" attributes (Shiki's code colours). */
  styles: readonly string[];
}

const quoted = (hashes: readonly string[]) => [...new Set(hashes)].sort().map((hash) => `'sha256-${hash}'`);

/**
 * Only the site's own files run, load and connect. Pagefind compiles its WebAssembly
 * ('wasm-unsafe-eval', which allows WebAssembly only, not eval), and search runs in a module worker
 * of the site's own. Inline code is allowed by its exact hash, never by 'unsafe-inline'; style=""
 * attributes need 'unsafe-hashes' for their hashes to count. Pagefind's stylesheet draws its icons
 * as data: images.
 */
export function contentSecurityPolicy(hashes: InlineHashes): string {
  const styleHashes = quoted(hashes.styles);
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", "'wasm-unsafe-eval'", ...quoted(hashes.scripts)],
    ["style-src", "'self'", ...(styleHashes.length ? ["'unsafe-hashes'", ...styleHashes] : [])],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ["media-src", "'self'"],
    ["object-src", "'none'"],
    ["frame-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((words) => words.join(" ")).join("; ");
}

/**
 * Browser features the site never uses, switched off for it and anything it might embed. Only
 * feature names Chromium knows: it logs an error on every page for a name it does not.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** One year: the longest lifetime caches honour. Only for files whose name changes with their content. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** Everything else is checked with the server (ETag) before each use, so a new build shows at once. */
export const REVALIDATE = "no-cache";

/**
 * Files whose names carry a hash of their content: Astro's bundles, and Pagefind's index, fragment
 * and filter chunks, also those of a large site's other index shards (pagefind/shard-N/). Pagefind's own scripts, its WebAssembly (wasm.<language>.pagefind) and
 * pagefind-entry.json keep their names from build to build, so they revalidate like pages do.
 */
export const IMMUTABLE_PATHS = [
  "/_astro/*",
  ...["index", "fragment", "filter"].flatMap((part) => [`/pagefind/${part}/*`, `/pagefind/:shard/${part}/*`]),
];

/** The thank-you page has the ticket's reference in its address. */
export const TICKET_THANKS_PATH = "/tickets/thanks/*";

/**
 * The rules in the order a static host reads them. Rules never set the same header twice for one
 * path except Referrer-Policy on the thank-you page: Netlify lets the later rule win, Cloudflare
 * Pages joins both values and browsers obey the last one, so both hosts send no-referrer there.
 * Cache-Control for pages is left to the host's default (Netlify and Cloudflare Pages revalidate,
 * like REVALIDATE), because a catch-all rule would be joined to the immutable ones on Cloudflare.
 */
export function headerRules(hashes: InlineHashes): HeaderRule[] {
  return [
    {
      path: "/*",
      headers: {
        "Content-Security-Policy": contentSecurityPolicy(hashes),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
      },
    },
    ...IMMUTABLE_PATHS.map((path) => ({ path, headers: { "Cache-Control": IMMUTABLE } })),
    { path: TICKET_THANKS_PATH, headers: { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" } },
  ];
}
