// A download's headers: Content-Disposition with a file name made from a title, plain ASCII for
// old clients and the exact UTF-8 name (RFC 6266 / 5987 `filename*`) for every current browser.

export function attachment(title: string, extension: string, contentType: string): Record<string, string> {
  const stem = fileStem(title);
  const name = `${stem}.${extension}`;
  const asciiStem = stem.replace(/[^\x20-\x7e]+/g, "_").replace(/["\\]/g, "_");
  // A title in Chinese alone would come out as "_": say what the file is instead.
  const ascii = `${/[A-Za-z0-9]/.test(asciiStem) ? asciiStem : "conversation"}.${extension}`;
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`,
    "Cache-Control": "no-store",
  };
}

/** What no file system refuses: no separators, controls or reserved characters, no dot at the ends. */
export function fileStem(title: string): string {
  const stem = [...title.replace(/\p{Cc}|[<>:"/\\|?*]/gu, " ").replace(/\s+/g, " ")]
    // Counted in code points, so a Chinese title or an emoji is never cut in half.
    .slice(0, 80)
    .join("")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  return stem || "conversation";
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
