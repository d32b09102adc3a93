// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import tailwindcss from "@tailwindcss/vite";
import { readSiteConfig } from "./src/lib/site-config.ts";
import { mdxOptimize, shikiConfig } from "./src/lib/markdown-options.ts";
import { headersFileIntegration } from "./src/server/built-site-headers.ts";

const site = readSiteConfig();

export default defineConfig({
  site: site.url,
  output: "static",
  // Tests and the benchmark build other content folders without touching dist/ or the shared cache.
  outDir: process.env.KB_OUT_DIR ?? "./dist",
  cacheDir: process.env.KB_CACHE_DIR ?? "./node_modules/.astro",
  trailingSlash: "always",
  // Astro 7's default ("jsx") drops the line break between a word and a link on the next source
  // line, so the page read "start from thehome page". HTML-aware compression keeps it as a space.
  compressHTML: true,
  // Page rendering waits on file writes and module loading; a few pages in flight overlap that wait.
  // Page code shares only memoised, read-only queries (src/content-queries.ts), so order is irrelevant.
  build: { format: "directory", concurrency: 4 },
  integrations: [
    // Renders MDX content (articles are compiled by src/article-body.ts with the same options) and
    // .mdx pages, should there ever be any.
    mdx({ optimize: mdxOptimize }),
    sitemap({ filter: (page) => !page.includes("/tickets/thanks/") && !page.includes("/staff/") }),
    // dist/_headers: security and caching headers for static hosts, with the CSP hashes of inline code.
    headersFileIntegration(),
  ],
  markdown: {
    shikiConfig,
  },
  vite: {
    plugins: [tailwindcss()],
    // The search worker loads Pagefind's pagefind.js, an ES module, so it is a module worker too.
    worker: { format: "es" },
  },
  devToolbar: { enabled: false },
  experimental: {
    // Article and category pages carry a cache key (src/lib/page-cache.ts): a rebuild copies the
    // pages whose key and code are unchanged from the previous build (kept in cacheDir, which the
    // pull-request workflow keeps between runs) instead of rendering them again.
    incrementalBuild: true,
  },
});
