/** Words from a missing page's address, e.g. "/customer-help/open-a-tikcet/" -> "open a tikcet". */
export function searchTermsFromPath(pathname: string): string {
  const last = pathname.split("/").filter(Boolean).pop() ?? "";
  return decodeURIComponent(last).replace(/\.html?$/, "").replace(/[-_]+/g, " ").trim();
}
