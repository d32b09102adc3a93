import { contentPath, readYamlObject } from "./content-files.ts";
import { siteConfigSchema, type SiteConfig } from "./content-schemas.ts";

let cached: SiteConfig | undefined;

/** The organisation this site describes, from content/site.yaml. */
export function readSiteConfig(): SiteConfig {
  cached ??= readYamlObject(contentPath("site.yaml"), siteConfigSchema);
  return cached;
}

/** Link to the file on the repository host's web editor. */
export function editUrl(site: SiteConfig, repoRelativePath: string): string {
  const base = site.repository.url.replace(/\/$/, "");
  return `${base}/edit/${site.repository.branch}/${repoRelativePath.replace(/^\.?\//, "")}`;
}
