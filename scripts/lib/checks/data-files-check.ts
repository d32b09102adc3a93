// Every data file in the registry (src/lib/data-files.ts) against its schema, then what the ticket
// endpoint checks across them (plans naming tiers and departments that exist, site.yaml's hours).
// A YAML file in content/data/ that the registry does not name is read by nothing: a warning says so.
import { collectProblems, type ContentProblem } from "../../../src/lib/content-errors.ts";
import { contentPath, displayPath, listFiles } from "../../../src/lib/content-files.ts";
import { DATA_FILES, readAllDataFiles } from "../../../src/lib/data-files.ts";
import { loadSupportData } from "../../../src/lib/support-data.ts";

export function checkDataFiles(errors: ContentProblem[], warnings: ContentProblem[]): ReturnType<typeof readAllDataFiles> {
  const files = readAllDataFiles(errors);
  // Reads some files again; the content check lists each problem once.
  collectProblems(errors, () => loadSupportData());
  warnings.push(...unregisteredDataFiles());
  return files;
}

function unregisteredDataFiles(): ContentProblem[] {
  const registered = new Set(Object.values(DATA_FILES).map((file) => file.path));
  return listFiles(contentPath("data"))
    .map((name) => `data/${name}`)
    .filter((path) => /\.ya?ml$/.test(path) && !registered.has(path))
    .map((path) => ({
      file: displayPath(contentPath(path)),
      field: "",
      message: "no page or check reads this file; register it in DATA_FILES (src/lib/data-files.ts, see DEVELOPING.md) or remove it",
    }));
}
