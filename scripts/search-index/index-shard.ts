// Builds one shard of the search index with Pagefind's Node API. Runs in a worker thread of
// scripts/build-search-index.ts: each thread gets its own Pagefind process, so two shards are
// indexed side by side on two cores (Pagefind reads the pages of one index on one thread).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import * as pagefind from "pagefind";

export interface ShardJob {
  /** The built site. */
  site: string;
  /** Pages of this shard, relative to `site`, in the order they are added (it decides page numbers). */
  pages: string[];
  /** Where the shard's bundle goes. */
  outputPath: string;
}

export interface ShardResult {
  pages: number;
  errors: string[];
}

/** The same settings as `pagefind --site dist` with no configuration file. */
export const PAGEFIND_CONFIG: pagefind.PagefindServiceConfig = {};

/** Pages sent ahead of Pagefind's answers, so it never waits for the next file to be read. */
const IN_FLIGHT = 16;

export async function indexShard(job: ShardJob): Promise<ShardResult> {
  const { index, errors } = await pagefind.createIndex(PAGEFIND_CONFIG);
  if (!index) return { pages: 0, errors };
  const problems = [...errors];
  // Requests reach Pagefind in the order they are made, so pages keep the order of `job.pages`
  // however many are under way: the same pages always give the same index files.
  const pending: Promise<unknown>[] = [];
  for (const sourcePath of job.pages) {
    const content = await readFile(join(job.site, sourcePath), "utf8");
    pending.push(
      index.addHTMLFile({ sourcePath, content }).then((added) => {
        for (const error of added.errors) problems.push(`${sourcePath}: ${error}`);
      }),
    );
    if (pending.length >= IN_FLIGHT) await pending.shift();
  }
  await Promise.all(pending);
  const written = await index.writeFiles({ outputPath: job.outputPath });
  problems.push(...written.errors);
  await index.deleteIndex();
  return { pages: job.pages.length, errors: problems };
}

if (parentPort) {
  const port = parentPort;
  indexShard(workerData as ShardJob)
    .then((result) => port.postMessage(result))
    .catch((error: unknown) => port.postMessage({ pages: 0, errors: [error instanceof Error ? error.message : String(error)] }))
    .finally(() => void pagefind.close());
}
