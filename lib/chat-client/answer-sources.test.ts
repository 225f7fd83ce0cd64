import { describe, expect, it } from "vitest";
import { pagePart, searchPart } from "./__fixtures__/web-parts";
import { answerSources, domainOf, pageSource, sameSources, webToolOf } from "./answer-sources";
import type { ToolPart } from "./types";

describe("answerSources", () => {
  it("numbers an answer's search results and pages read by the server's index", () => {
    const sources = answerSources([
      { type: "reasoning", text: "look", startedAt: 0, endedAt: 1 },
      pagePart,
      searchPart,
      { type: "text", text: "It trades at 1688.50 [1]." },
    ]);
    expect(sources).toEqual([
      {
        index: 1,
        title: "贵州茅台 (600519) 行情",
        url: "https://www.example.com/quote/600519",
        snippet: "贵州茅台今日收盘 1688.50 元。",
        published: "2026-11-28",
      },
      { index: 2, title: "Moutai shares [rally]", url: "https://news.example.org/moutai?id=2" },
      { index: 4, title: "Moutai's quarter", url: "https://finance.example.net/moutai" },
    ]);
  });

  it("reads only the web server's finished calls, with well-formed results", () => {
    const mine: ToolPart = { ...searchPart, server: "my-search" };
    const running: ToolPart = { ...searchPart, status: "pending", result: undefined };
    const failed: ToolPart = { ...searchPart, status: "failed", error: "backend down" };
    const odd: ToolPart = {
      ...searchPart,
      result: { results: [{ index: "1", url: "https://a.example" }, null] },
    };
    const untitled: ToolPart = { ...pagePart, result: { index: 9, url: "https://www.untitled.example/x" } };
    expect(answerSources([mine, running, failed, odd])).toEqual([]);
    expect(answerSources([untitled])).toEqual([
      { index: 9, title: "untitled.example", url: "https://www.untitled.example/x" },
    ]);
  });

  it("gives a page's text without the markers the server wraps it in for the model", () => {
    const wrapped = {
      index: 4,
      url: "https://finance.example.net/moutai",
      title: "Moutai's quarter",
      text: "<<<untrusted_web_content>>>\nThe text.\nMore.\n<<</untrusted_web_content>>>",
    };
    expect(pageSource(wrapped)?.text).toBe("The text.\nMore.");
    expect(pageSource({ ...wrapped, text: "plain" })?.text).toBe("plain");
  });

  it("keeps the first source of an index: a search's result, then the page itself", () => {
    const again: ToolPart = {
      ...pagePart,
      result: { index: 1, url: "https://other.example", title: "Other" },
    };
    expect(answerSources([searchPart, again])[0]?.url).toBe("https://www.example.com/quote/600519");
  });

  it("recognises a web tool by its server, also under a prefixed name", () => {
    expect(webToolOf({ server: "web", name: "web__web_search" })).toBe("web_search");
    expect(webToolOf({ server: "web", name: "read_page" })).toBe("read_page");
    expect(webToolOf({ server: "builtin", name: "web_search" })).toBeUndefined();
    expect(webToolOf({ server: "web", name: "get_time" })).toBeUndefined();
  });

  it("compares lists by what they render, and names a URL's site", () => {
    expect(sameSources(answerSources([searchPart]), answerSources([{ ...searchPart }]))).toBe(true);
    expect(sameSources(answerSources([searchPart]), answerSources([searchPart, pagePart]))).toBe(false);
    expect(domainOf("https://www.example.com/a")).toBe("example.com");
    expect(domainOf("not a url")).toBe("");
  });
});
