// The synonyms from content/data/synonyms.yaml as the search worker reads them: pairs of a reader's
// phrase and the site's words, both in the form searches compare (src/lib/search-synonyms.ts).
import { getCollection } from "astro:content";
import { synonymPairs } from "../lib/search-synonyms.ts";

export async function GET() {
  const entries = await getCollection("synonyms");
  return new Response(JSON.stringify(synonymPairs(entries.map((entry) => entry.data))), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}
