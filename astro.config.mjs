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
  trailingSlash: "always",
  build: { format: "directory" },
  integrations: [mdx(), sitemap({ filter: (page) => !page.includes("/tickets/thanks/") })],
  markdown: {
    shikiConfig: { themes: { light: "github-light", dark: "github-dark" }, defaultColor: false },
  },
  vite: { plugins: [tailwindcss()] },
  devToolbar: { enabled: false },
});
