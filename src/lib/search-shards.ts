// The search index of a large site is several Pagefind indexes ("shards", see
// scripts/search-index/shards.ts): the first is the bundle at /pagefind/, the others sit in folders
// inside it, listed in a small file next to pagefind.js. Everything that loads Pagefind in the
// browser merges the others into the first (Pagefind's mergeIndex), so a search covers them all.

/** The list of the other shards, inside the search bundle. */
export const SHARDS_FILE = "shards.json";

export interface ShardsManifest {
  /** Folders of the shards after the first, relative to the bundle ("shard-1/"). */
  shards: string[];
}

/** Folder of shard `n` inside the search bundle; the first shard is the bundle itself. */
export function shardFolder(n: number): string {
  return n === 0 ? "" : `shard-${n}/`;
}

/**
 * The bundles to merge into the one at `bundle` ("/pagefind/"), from the manifest as fetched. A
 * missing or malformed manifest means one index: searching still works, on the first shard.
 */
export function shardBundles(bundle: string, manifest: unknown): string[] {
  const shards = (manifest as Partial<ShardsManifest> | null)?.shards;
  if (!Array.isArray(shards)) return [];
  return shards.filter((s): s is string => typeof s === "string" && /^[\w-]+\/$/.test(s)).map((s) => `${bundle}${s}`);
}
