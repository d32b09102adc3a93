// Which built pages go into the search index, and into which part of it.
//
// Pagefind keeps every page's words and positions in memory until it writes the index, then copies
// them while building it: about 0.27 MiB per article page at its peak, so about 13 GiB for a site
// of 50,000 articles (BENCHMARKS.md). Past a few thousand pages the index is therefore built as several
// Pagefind indexes ("shards") that the browser searches together (Pagefind's mergeIndex). Each
// page's shard follows from its path alone, so adding or editing an article changes one shard and
// leaves the others as they were, and a cached shard can be reused as it is.
import { createHash } from "node:crypto";

/**
 * Pagefind's peak memory per indexed page (1.5 GiB for a shard of 5,560 pages at 50,000 articles,
 * BENCHMARKS.md), and what the search index step may give Pagefind within the build's 2 GiB, the
 * Node process and the rest of the build left aside.
 */
export const PAGEFIND_BYTES_PER_PAGE = 0.27 * 1024 ** 2;
export const PAGEFIND_BUDGET_BYTES = 1.6 * 1024 ** 3;

/**
 * Pages per shard at most, on average: as many as Pagefind can index within the budget. Every
 * shard more costs each search in the browser (every word is looked up in every shard), so a site
 * is split only as far as memory requires, and a 5,000-article site keeps one index.
 */
export const DEFAULT_SHARD_PAGES = 6000;

/** How many shards Pagefind indexes side by side: as many as fit the memory budget, one per core at most. */
export function shardsAtOnce(largestShardPages: number, cores: number): number {
  const fit = Math.floor(PAGEFIND_BUDGET_BYTES / Math.max(1, largestShardPages * PAGEFIND_BYTES_PER_PAGE));
  return Math.max(1, Math.min(fit, cores));
}

/** How many shards a site of `pages` indexed pages needs: one until it outgrows a shard. */
export function shardCount(pages: number, maxPagesPerShard = DEFAULT_SHARD_PAGES): number {
  if (!Number.isInteger(maxPagesPerShard) || maxPagesPerShard < 1) throw new Error(`pages per shard must be a whole number above 0, got ${maxPagesPerShard}`);
  return Math.max(1, Math.ceil(pages / maxPagesPerShard));
}

/** The shard of a page, from its path under the site folder: the same path always lands in the same shard. */
export function shardOf(pagePath: string, shards: number): number {
  if (shards <= 1) return 0;
  return createHash("sha1").update(pagePath).digest().readUInt32BE(0) % shards;
}

/**
 * Whether a page marks the part Pagefind should index (`data-pagefind-body`). Once any page of a
 * site does, Pagefind leaves out pages that do not; a shard must do the same, or a shard without
 * such a page would index whole pages (headers, footers and all).
 */
export function marksSearchBody(html: string): boolean {
  // An attribute inside a tag: in text the characters < and > are always escaped.
  return /<[a-z][^<>]*\sdata-pagefind-body(?=[\s=/>])/i.test(html);
}
