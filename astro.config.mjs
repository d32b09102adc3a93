// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import tailwindcss from "@tailwindcss/vite";
import { readSiteConfig } from "./src/lib/site-config.ts";

const site = readSiteConfig();

export default defineConfig({
  site: site.url,
  output: "static",
  // Tests and the benchmark build other content folders without touching dist/ or the shared cache.
  outDir: process.env.KB_OUT_DIR ?? "./dist",
  cacheDir: process.env.KB_CACHE_DIR ?? "./node_modules/.astro",
  trailingSlash: "always",
  // Page rendering waits on file writes and module loading; a few pages in flight overlap that wait.
  // Page code shares only memoised, read-only queries (src/content-queries.ts), so order is irrelevant.
  build: { format: "directory", concurrency: 4 },
  integrations: [
    // Static parts of each article compile to HTML strings instead of one JSX call per element:
    // smaller modules to bundle and load, and less to render, which matters at thousands of articles.
    mdx({ optimize: true }),
    sitemap({ filter: (page) => !page.includes("/tickets/thanks/") && !page.includes("/staff/") }),
  ],
  markdown: {
    shikiConfig: { themes: { light: "github-light", dark: "github-dark" }, defaultColor: false },
  },
  vite: {
    plugins: [tailwindcss()],
    build: {
      rolldownOptions: {
        // Astro marks every MDX module with a "use astro:head-inject" directive that the bundler warns
        // about, once per article with a code frame: thousands of lines of noise and seconds of work.
        checks: { moduleLevelDirective: false },
      },
    },
  },
  devToolbar: { enabled: false },
});
