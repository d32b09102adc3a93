// Components article authors can use in MDX without importing them.
import Callout from "./Callout.astro";
import Steps from "./Steps.astro";

export const mdxComponents = { Callout, Steps };
