import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";

// Part 4: the JavaScript the chat page loads before anyone can use it — every script response from
// navigation until the page says it is ready and the network is idle — gzipped here at the default
// level (what Next sends), so the figure does not depend on the server's settings.

export interface BundleFigures {
  scripts: number;
  /** kB of 1,000 bytes. */
  gzipKB: number;
  rawKB: number;
  /** What actually crossed the wire (the server's own compression), kB. */
  transferKB: number;
  /** Whether the syntax highlighter / KaTeX came with it: they should load only when an answer needs them. */
  highlighterLoaded: boolean;
  mathLoaded: boolean;
  files: { url: string; gzipBytes: number }[];
}

// Strings only highlight.js (through lowlight) and KaTeX contain.
const HIGHLIGHTER = /registerLanguage|hljs-/;
const MATH = /KaTeX parse error/;

export async function measureBundle(browser: Browser, appUrl: string): Promise<BundleFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<{ url: string; body: Buffer; transfer: number } | undefined>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        try {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return { url: new URL(response.url()).pathname, body, transfer: sizes.responseBodySize };
        } catch {
          return undefined;
        }
      })(),
    );
  });
  try {
    await page.goto(`${appUrl}/`, { waitUntil: "networkidle" });
    await page.locator("[data-ready]").waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    const scripts = (await Promise.all(pending)).filter((s) => s !== undefined);
    const files = scripts.map((s) => ({ url: s.url, gzipBytes: gzipSync(s.body).length }));
    const kB = (bytes: number) => Math.round(bytes / 100) / 10;
    return {
      scripts: scripts.length,
      gzipKB: kB(files.reduce((sum, f) => sum + f.gzipBytes, 0)),
      rawKB: kB(scripts.reduce((sum, s) => sum + s.body.length, 0)),
      transferKB: kB(scripts.reduce((sum, s) => sum + s.transfer, 0)),
      highlighterLoaded: scripts.some((s) => HIGHLIGHTER.test(s.body.toString("utf8"))),
      mathLoaded: scripts.some((s) => MATH.test(s.body.toString("utf8"))),
      files: files.sort((a, b) => b.gzipBytes - a.gzipBytes),
    };
  } finally {
    await context.close();
  }
}
