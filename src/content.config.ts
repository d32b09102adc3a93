// Collections and their schemas. The articles collection is here; every data file's collection
// comes from the registry in src/lib/data-files.ts (path and schema), which the content check and
// the ticket endpoint read too, so the three validate with exactly the same rules.
import { defineCollection } from "astro:content";
import { z } from "zod";
import { articleLoader } from "./article-loader.ts";
import { contentPath } from "./lib/content-files.ts";
import { articleSchema } from "./lib/content-schemas.ts";
import { DATA_FILES, LIST_FILE_NAMES, readDataList, type ListFileName } from "./lib/data-files.ts";

/**
 * A data file as a collection. Entries keep their position in the file, because the order support
 * staff wrote them in (tiers from basic to premium, plans from free to paid) is the order readers see.
 */
function yamlCollection<Shape extends z.ZodRawShape & { id: z.ZodType<string> }>(name: ListFileName, schema: z.ZodObject<Shape>) {
  return defineCollection({
    loader: async () => readDataList(name).map((entry, position) => ({ ...entry, position })),
    schema: schema.extend({ position: z.number().int() }),
  });
}

type DataCollections = { [Name in ListFileName]: ReturnType<typeof yamlCollection<(typeof DATA_FILES)[Name]["entry"]["shape"]>> };
const dataCollections = Object.fromEntries(
  LIST_FILE_NAMES.map((name) => [name, yamlCollection(name, DATA_FILES[name].entry as z.ZodObject<z.ZodRawShape & { id: z.ZodType<string> }>)]),
) as DataCollections;

const categories = readDataList("categories");
const teams = readDataList("teams");
const articles = articleSchema({ categories: categories.map((c) => c.id), teams: teams.map((t) => t.id) });

export const collections = {
  articles: defineCollection({
    // Frontmatter only: the article page compiles the body from the file (src/article-body.ts).
    loader: articleLoader(contentPath("articles"), articles),
    schema: articles,
  }),
  ...dataCollections,
};
