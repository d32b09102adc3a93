// The other shards of a large site's search index (src/lib/search-shards.ts), read once per page
// or worker. A site with one index, or a failed request, gives none: search then covers the first.
import { SHARDS_FILE, shardBundles } from "../lib/search-shards.ts";

const loaded = new Map<string, Promise<string[]>>();

export function loadShardBundles(bundle: string, origin = ""): Promise<string[]> {
  let bundles = loaded.get(bundle);
  if (!bundles) {
    bundles = fetch(`${origin}${bundle}${SHARDS_FILE}`)
      .then((response) => (response.ok ? response.json() : null))
      .then((manifest: unknown) => shardBundles(bundle, manifest))
      .catch(() => []);
    loaded.set(bundle, bundles);
  }
  return bundles;
}
