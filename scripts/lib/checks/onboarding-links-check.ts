// The onboarding path (content/data/onboarding.yaml) against the articles that exist.
import { readFileSync } from "node:fs";
import { fieldName, parseYamlWithLines, type ContentProblem } from "../../../src/lib/content-errors.ts";
import { contentPath, displayPath } from "../../../src/lib/content-files.ts";
import type { OnboardingStage } from "../../../src/lib/content-schemas.ts";
import { DATA_FILES } from "../../../src/lib/data-files.ts";

/** Every article the onboarding path points to must exist, or a new hire meets a dead link. */
export function checkOnboardingLinks(stages: OnboardingStage[], articleIds: Set<string>): ContentProblem[] {
  const path = contentPath(DATA_FILES.onboarding.path);
  const file = displayPath(path);
  const problems: ContentProblem[] = [];
  if (!stages.length) return problems;
  // The stages were read without positions; read the file again only to name lines.
  const { lineOf } = parseYamlWithLines(readFileSync(path, "utf8"));
  const missing = (fieldPath: (string | number)[], article: string) =>
    problems.push({
      file,
      line: lineOf(fieldPath),
      field: fieldName(fieldPath),
      message: `no article "${article}" exists (expected content/articles/${article}.mdx)`,
    });
  stages.forEach((stage, s) => {
    if (stage.article && !articleIds.has(stage.article)) missing([s, "article"], stage.article);
    stage.tasks.forEach((task, t) => {
      if (task.article && !articleIds.has(task.article)) missing([s, "tasks", t, "article"], task.article);
    });
  });
  return problems;
}
