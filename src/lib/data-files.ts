// Every data file under content/data/ in one registry: where it is, the schema it is checked with
// and the content collection the site reads it as. The content collections (src/content.config.ts),
// the content check (npm run check:content) and the endpoint's loader (support-data.ts) all read
// this registry, so a new data file is added here once (DEVELOPING.md says how).
import { resolve } from "node:path";
import type { z } from "zod";
import { collectProblems, type ContentProblem } from "./content-errors.ts";
import { contentPath, readYamlList, readYamlObject } from "./content-files.ts";
import {
  alertsFileSchema,
  categorySchema,
  channelSchema,
  departmentSchema,
  intakeRouteSchema,
  namingRuleSchema,
  onboardingStageSchema,
  planSchema,
  priorityLevelSchema,
  productAreaSchema,
  supportTierSchema,
  synonymListSchema,
  synonymSchema,
  teamSchema,
} from "./content-schemas.ts";

/** A YAML list of entries with unique ids; the site reads it as the collection of the same name. */
export interface ListDataFile<Entry extends z.ZodObject<z.ZodRawShape & { id: z.ZodType<string> }>> {
  kind: "list";
  /** Under content/. */
  path: string;
  /** One entry; the collection's schema. */
  entry: Entry;
  /** Rules across entries (a word listed twice), checked by the content check and the build. */
  wholeFile?: z.ZodType;
}

/**
 * One YAML object whose schema names ids from list files (alert rules name departments and plans);
 * read by the endpoint, not a collection. A list that could not be read is passed as null, so the
 * file's other problems are still reported.
 */
export interface ObjectDataFile<Schema extends z.ZodType> {
  kind: "object";
  path: string;
  schema: (lists: ListIdsByName) => Schema;
}

/** The ids of each list file by its name in the registry, or null where it could not be read. */
type ListIdsByName = Partial<Record<string, readonly string[] | null>>;

function list<Entry extends z.ZodObject<z.ZodRawShape & { id: z.ZodType<string> }>>(
  path: string,
  entry: Entry,
  options: { wholeFile?: z.ZodType } = {},
): ListDataFile<Entry> {
  return { kind: "list", path, entry, ...options };
}

export const DATA_FILES = {
  categories: list("data/categories.yaml", categorySchema),
  teams: list("data/teams.yaml", teamSchema),
  priorities: list("data/priorities.yaml", priorityLevelSchema),
  tiers: list("data/sla.yaml", supportTierSchema),
  plans: list("data/plans.yaml", planSchema),
  departments: list("data/departments.yaml", departmentSchema),
  intake: list("data/intake.yaml", intakeRouteSchema),
  channels: list("data/channels.yaml", channelSchema),
  naming: list("data/channel-naming.yaml", namingRuleSchema),
  productAreas: list("data/product-areas.yaml", productAreaSchema),
  onboarding: list("data/onboarding.yaml", onboardingStageSchema),
  synonyms: list("data/synonyms.yaml", synonymSchema, { wholeFile: synonymListSchema }),
  alerts: {
    kind: "object",
    path: "data/alerts.yaml",
    schema: (lists: ListIdsByName) => alertsFileSchema({ departments: lists.departments ?? null, plans: lists.plans ?? null }),
  } satisfies ObjectDataFile<ReturnType<typeof alertsFileSchema>>,
};

type Registry = typeof DATA_FILES;
export type ListFileName = { [K in keyof Registry]: Registry[K] extends { kind: "list" } ? K : never }[keyof Registry];
export type ObjectFileName = Exclude<keyof Registry, ListFileName>;
export type ListEntry<K extends ListFileName> = z.output<Registry[K]["entry"]>;
export type ObjectFileData<K extends ObjectFileName> = z.output<ReturnType<Registry[K]["schema"]>>;
export type ListIds = { [K in ListFileName]: readonly string[] | null };

export const LIST_FILE_NAMES = (Object.keys(DATA_FILES) as (keyof Registry)[]).filter(
  (name): name is ListFileName => DATA_FILES[name].kind === "list",
);
export const OBJECT_FILE_NAMES = (Object.keys(DATA_FILES) as (keyof Registry)[]).filter(
  (name): name is ObjectFileName => DATA_FILES[name].kind === "object",
);

/** Reads and checks one list file (in `contentDir`, content/ by default); throws ContentError with every problem. */
export function readDataList<K extends ListFileName>(name: K, contentDir?: string): ListEntry<K>[] {
  const file: ListDataFile<Registry[K]["entry"]> = DATA_FILES[name];
  const path = contentDir ? resolve(contentDir, file.path) : contentPath(file.path);
  if (file.wholeFile) readYamlObject(path, file.wholeFile);
  return readYamlList(path, file.entry) as ListEntry<K>[];
}

/** Reads and checks one object file against the ids of the list files it names. */
export function readDataObject<K extends ObjectFileName>(name: K, lists: Partial<ListIds>): ObjectFileData<K> {
  const file = DATA_FILES[name];
  return readYamlObject(contentPath(file.path), file.schema(lists)) as ObjectFileData<K>;
}

/**
 * Every data file, each read even when an earlier one fails so one run lists the problems of all of
 * them: the lists first, then the files that name their ids. What could not be read is left out.
 */
export function readAllDataFiles(problems: ContentProblem[]): {
  lists: { [K in ListFileName]?: ListEntry<K>[] };
  objects: { [K in ObjectFileName]?: ObjectFileData<K> };
} {
  const collect = <T>(read: () => T) => collectProblems(problems, read);
  const lists: Record<string, { id: string }[] | undefined> = {};
  for (const name of LIST_FILE_NAMES) lists[name] = collect(() => readDataList(name));
  const ids = Object.fromEntries(LIST_FILE_NAMES.map((name) => [name, lists[name]?.map((entry) => entry.id) ?? null])) as ListIds;
  const objects: Record<string, unknown> = {};
  for (const name of OBJECT_FILE_NAMES) objects[name] = collect(() => readDataObject(name, ids));
  return { lists, objects } as ReturnType<typeof readAllDataFiles>;
}
