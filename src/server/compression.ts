// Compresses the pages the server writes per request (the ticket form, the thank-you page, the 404
// page), as srvx's static middleware already does for files: Brotli at quality 4 (srvx's setting,
// fast enough per request) or gzip, whichever the browser accepts, for text of 1 KB or more.
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|xhtml\+xml|[\w.-]+\+(?:json|xml))(?:;|$))/i;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = "br" | "gzip";

/** The encoding to use from an Accept-Encoding header: Brotli before gzip, none if neither is wanted. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith("q="));
    quality.set(name, q ? Number.parseFloat(q.slice(2)) || 0 : 1);
  }
  const wanted = (name: Encoding) => (quality.get(name) ?? quality.get("*") ?? 0) > 0;
  return wanted("br") ? "br" : wanted("gzip") ? "gzip" : null;
}

function varyOnEncoding(headers: Headers): void {
  const vary = headers.get("vary");
  if (!vary) headers.set("Vary", "Accept-Encoding");
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set("Vary", `${vary}, Accept-Encoding`);
}

/** The same response, compressed when the browser accepts it and it is text worth compressing. */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  if (
    !response.body ||
    request.method === "HEAD" ||
    response.status === 206 ||
    response.headers.has("content-encoding") ||
    !COMPRESSIBLE.test(type)
  ) {
    return response;
  }
  const headers = new Headers(response.headers);
  varyOnEncoding(headers);
  const encoding = chooseEncoding(request.headers.get("accept-encoding"));
  const body = Buffer.from(await response.arrayBuffer());
  const init = { status: response.status, statusText: response.statusText, headers };
  if (!encoding || body.byteLength < MIN_BYTES) {
    headers.set("Content-Length", String(body.byteLength));
    return new Response(body, init);
  }
  const compressed =
    encoding === "br"
      ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
      : await gzipAsync(body);
  headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(compressed.byteLength));
  return new Response(compressed, init);
}
