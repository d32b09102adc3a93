// `npm run check:content`: validates every article and data file and lists all problems with file
// and line. Exits non-zero on errors; warnings (such as overdue reviews) are printed but pass.
import { formatProblem } from "../src/lib/content-errors.ts";
import { checkContent } from "./lib/checks/content-check.ts";

const report = await checkContent();
for (const warning of report.warnings) console.warn(`warning  ${formatProblem(warning)}`);
if (report.errors.length) {
  console.error(`\n${report.errors.length} content problem${report.errors.length === 1 ? "" : "s"} to fix:\n`);
  // Grouped by file and in line order, so each file's problems can be fixed top to bottom.
  const byFile = [...report.errors].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  for (const error of byFile) console.error(`  ${formatProblem(error)}`);
  console.error("\nCONTRIBUTING.md explains each check and how to fix it.");
  process.exit(1);
}
console.log(`Content OK: ${report.articles.length} articles checked.`);
