import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { recentlyUpdated, updatedAt } from "../content-queries.ts";
import { articleUrl } from "../lib/article-nav.ts";
import { readSiteConfig } from "../lib/site-config.ts";

/** The feed lists the most recently updated articles; its size does not grow with the site. */
const FEED_SIZE = 30;

export async function GET(context: APIContext) {
  const site = readSiteConfig();
  const articles = await recentlyUpdated(FEED_SIZE);
  return rss({
    title: `${site.name}: updated articles`,
    description: site.tagline,
    site: context.site ?? site.url,
    items: articles.map((article) => ({
      title: article.data.title,
      description: article.data.description,
      link: articleUrl(article.id),
      pubDate: updatedAt(article),
      categories: [article.data.category, ...article.data.tags],
    })),
    customData: `<language>${site.language}</language>`,
  });
}
