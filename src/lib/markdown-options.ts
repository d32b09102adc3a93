// How Markdown and MDX turn into HTML: used by astro.config.mjs for pages and by src/article-body.ts
// for articles, so both highlight code and number headings the same way.

/** Code blocks carry both themes as CSS variables; global.css picks one by colour scheme. */
export const shikiConfig = {
  themes: { light: "github-light" as const, dark: "github-dark" as const },
  defaultColor: false as const,
};

/** Static parts of an article compile to HTML strings instead of one JSX call per element. */
export const mdxOptimize = true;
