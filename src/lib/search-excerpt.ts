// Frontmatter keywords are indexed as the last words of a page so readers' own words find it, but
// they are for the index only. When a result's excerpt runs into them, this cuts them off again,
// and when the match is only in the keywords, the page's description is shown instead.

const normalise = (token: string) => token.replace(/<[^>]+>/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

function tokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function isContiguousPart(part: string[], whole: string[]): boolean {
  if (part.length === 0 || part.length > whole.length) return false;
  outer: for (let start = 0; start + part.length <= whole.length; start++) {
    for (let i = 0; i < part.length; i++) if (part[i] !== whole[start + i]) continue outer;
    return true;
  }
  return false;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An excerpt (HTML with <mark>) without any words that come from the hidden keywords. */
export function excerptWithoutKeywords(excerpt: string, keywords: string | undefined, description: string | undefined): string {
  if (!keywords) return excerpt;
  const keywordTokens = tokens(keywords).map(normalise).filter(Boolean);
  const excerptTokens = tokens(excerpt);
  const plain = excerptTokens.map(normalise);
  const meaningful = plain.filter(Boolean);
  if (isContiguousPart(meaningful, keywordTokens)) return description ? escapeHtml(description) : "";
  for (let k = Math.min(plain.length, keywordTokens.length); k > 0; k--) {
    const tail = plain.slice(plain.length - k).filter(Boolean);
    if (tail.length && tail.every((t, i) => t === keywordTokens[i])) {
      return `${excerptTokens.slice(0, plain.length - k).join(" ")}…`;
    }
  }
  return excerpt;
}

export interface ResultDataLike {
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: { excerpt: string }[];
}

export function withoutKeywordText<T extends ResultDataLike>(data: T): T {
  const { keywords, description } = data.meta;
  return {
    ...data,
    excerpt: excerptWithoutKeywords(data.excerpt, keywords, description),
    sub_results: data.sub_results?.map((sub) => ({ ...sub, excerpt: excerptWithoutKeywords(sub.excerpt, keywords, description) })),
  };
}
