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
  build: { format: "directory" },
  integrations: [mdx(), sitemap({ filter: (page) => !page.includes("/tickets/thanks/") && !page.includes("/staff/") })],
  markdown: {
    shikiConfig: { themes: { light: "github-light", dark: "github-dark" }, defaultColor: false },
  },
  vite: { plugins: [tailwindcss()] },
  devToolbar: { enabled: false },
});
