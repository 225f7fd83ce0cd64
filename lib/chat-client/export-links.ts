// Where the page downloads exports from (PROTOCOL.md section 12): plain links, so the browser's
// own download streams the file to disk and the page never holds it.

export type ExportFormat = "md" | "json";

export const EXPORT_ALL_URL = "/api/export";

/** One conversation; Markdown in the reader's language. */
export function conversationExportUrl(id: string, format: ExportFormat, lang: string): string {
  const query = new URLSearchParams({ format, ...(format === "md" ? { lang } : {}) });
  return `/api/conversations/${encodeURIComponent(id)}/export?${query}`;
}
