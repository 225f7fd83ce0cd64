/** Debian's Chromium (or PLAYWRIGHT_CHROMIUM_EXECUTABLE) when present, else undefined. */
export function chromiumPath(): string | undefined;
