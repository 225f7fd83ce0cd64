import { createElement, createRef } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { Composer } from "./composer";
import { type ChatPreferences, requestOptionsOf } from "./use-chat-preferences";

// The 联网搜索 switch (issue 21): shown beside 深度思考 only when the server can search, and what
// a request then says. (The Playwright app always has a search backend; the hiding is checked here.)

const settings = {
  thinking: true,
  effort: "high" as const,
  models: ["deepseek-flash"],
  model: "deepseek-flash",
  searchAvailable: true,
  search: true,
};

function preferences(searchAvailable: boolean, search: boolean): ChatPreferences {
  const ignore = () => {};
  return {
    ...settings,
    searchAvailable,
    search,
    setThinking: ignore,
    setEffort: ignore,
    adoptEffort: ignore,
    setModel: ignore,
    setSearch: ignore,
    requestOptions: () => requestOptionsOf({ ...settings, searchAvailable, search }),
  };
}

function composer(locale: "en" | "zh", searchAvailable: boolean, search = false): string {
  const props = {
    inputRef: createRef<HTMLTextAreaElement>(),
    streaming: false,
    onSend: () => {},
    onStop: () => {},
    preferences: preferences(searchAvailable, search),
    readsImages: false,
  };
  return renderToStaticMarkup(
    // biome-ignore lint/correctness/noChildrenProp: createElement's third argument does not satisfy a required `children` prop in TypeScript.
    createElement(LocaleProvider, { initialLocale: locale, children: createElement(Composer, props) }),
  );
}

const toggle = (markup: string) =>
  /<button[^>]*data-testid="search-toggle"[^>]*>.*?<\/button>/.exec(markup)?.[0];

describe("the web search switch", () => {
  it("shows beside the reasoning switch when the server can search, pressed as remembered", () => {
    const off = toggle(composer("zh", true));
    expect(off).toContain('aria-pressed="false"');
    expect(off).toContain("联网搜索");
    expect(toggle(composer("en", true, true))).toMatch(/aria-pressed="true".*Web search/);
    const markup = composer("en", true);
    expect(markup.indexOf("reasoning-toggle")).toBeLessThan(markup.indexOf("search-toggle"));
  });

  it("is hidden when the server has no search backend", () => {
    expect(toggle(composer("en", false))).toBeUndefined();
    expect(composer("en", false)).toContain('data-testid="reasoning-toggle"');
  });
});

describe("requestOptionsOf", () => {
  it("asks for search only when it is on and the server can search", () => {
    expect(requestOptionsOf(settings)).toEqual({ thinking: true, effort: "high", search: true });
    expect(requestOptionsOf({ ...settings, search: false })).toEqual({ thinking: true, effort: "high" });
    expect(requestOptionsOf({ ...settings, searchAvailable: false })).toEqual({
      thinking: true,
      effort: "high",
    });
  });
});
