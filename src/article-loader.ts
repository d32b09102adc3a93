// The articles collection: each .mdx file's frontmatter, validated by the collection's schema, with
// the file's path. Unlike Astro's glob() loader it does not turn each file into a JavaScript module
// to render; the article page compiles the body itself (src/article-body.ts), which keeps the build's
// memory and time from growing with a module per article. Ids are the path without ".mdx"
// ("customer-help/choosing-a-priority"), as the content check names them.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFrontmatter } from "@astrojs/internal-helpers/frontmatter";
import type { Loader, LoaderContext } from "astro/loaders";
import type { z } from "zod";
import { ContentError } from "./lib/content-errors.ts";
import { articleIdFromPath, displayPath, listFiles } from "./lib/content-files.ts";
import { checkFrontmatter, splitFrontmatter } from "./lib/frontmatter-check.ts";

/**
 * `schema` is the collection's schema. Astro validates with it; when that fails, the loader reads the
 * frontmatter again keeping line numbers, so the build names file, line and field like the content
 * check does, instead of Astro's message without a line (and without the field, for an unknown one).
 */
export function articleLoader(folder: string, schema: z.ZodType): Loader {
  return {
    name: "article-loader",
    load: async ({ store, parseData, generateDigest, watcher, logger, config }: LoaderContext) => {
      const root = fileURLToPath(config.root);

      /** Reads one file into the store, unless unchanged since the last build; returns its id. */
      async function sync(pathInFolder: string): Promise<string> {
        const file = join(folder, pathInFolder);
        const source = readFileSync(file, "utf8");
        const id = articleIdFromPath(file, folder);
        const digest = generateDigest(source);
        if (store.get(id)?.digest === digest) return id;
        let frontmatter: Record<string, unknown>;
        try {
          frontmatter = parseFrontmatter(source, { frontmatter: "remove" }).frontmatter;
        } catch (error) {
          const e = error as { mark?: { line: number }; reason?: string; message: string };
          const line = e.mark ? `:${e.mark.line + 1}` : "";
          throw new Error(`${relative(root, file)}${line}: the frontmatter is not valid YAML: ${e.reason ?? e.message}`);
        }
        let data: Record<string, unknown>;
        try {
          data = await parseData({ id, data: frontmatter, filePath: file });
        } catch (error) {
          const { problems } = checkFrontmatter(displayPath(file), splitFrontmatter(source)?.yaml ?? "", schema);
          throw problems.length ? new ContentError(problems) : error;
        }
        store.set({ id, data, filePath: relative(root, file).replace(/\\/g, "/"), digest });
        return id;
      }

      const files = listFiles(folder).filter((f) => f.endsWith(".mdx"));
      const current = new Set<string>();
      for (const pathInFolder of files) current.add(await sync(pathInFolder));
      for (const id of store.keys()) if (!current.has(id)) store.delete(id);

      // `astro dev`: pick up edits, new articles and deletions without a restart.
      if (!watcher) return;
      watcher.add(folder);
      const inFolder = (path: string) => {
        const pathInFolder = relative(folder, path).replace(/\\/g, "/");
        return pathInFolder.endsWith(".mdx") && !pathInFolder.startsWith("../") ? pathInFolder : undefined;
      };
      const onChange = async (path: string) => {
        const pathInFolder = inFolder(path);
        if (!pathInFolder) return;
        try {
          await sync(pathInFolder);
          logger.info(`Reloaded ${pathInFolder}`);
        } catch (error) {
          logger.error((error as Error).message);
        }
      };
      watcher.on("change", onChange);
      watcher.on("add", onChange);
      // An id follows from the path alone, so a deleted file's entry is found without remembering it.
      watcher.on("unlink", (path) => {
        if (inFolder(path)) store.delete(articleIdFromPath(path, folder));
      });
    },
  };
}
