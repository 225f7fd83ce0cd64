import { describe, expect, it } from "vitest";
import { snippetOf } from "./search-snippet";
import { containsPattern, foldText, searchDocument, searchTerms, tsvectorText } from "./search-text";

describe("search terms", () => {
  it("folds width, case and spacing, and keeps each folded unit's origin", () => {
    const { folded, origin } = foldText("ＡＢ  Cd\n\té🎉");
    expect(folded).toBe("ab cd é🎉");
    expect(origin).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 9, 11]);
  });

  it("gives Chinese character pairs and each run's last character, English words, and symbols", () => {
    const { body, terms } = searchDocument("今天天气 DeepSeek-V3 好🎉!");
    expect(body).toBe("今天天气 deepseek-v3 好🎉!");
    expect(terms.sort()).toEqual(["今天", "天天", "天气", "气", "deepseek", "v3", "好", "🎉"].sort());
  });

  it("asks for a run's bigrams, a lone character, whole words and the last word's start", () => {
    expect(searchTerms("天气").tsquery).toBe("'天气'");
    expect(searchTerms("天").tsquery).toBe("'天':*");
    expect(searchTerms("贵州茅台").tsquery).toBe("'贵州' & '州茅' & '茅台'");
    expect(searchTerms(" New  YORK ")).toEqual({ folded: "new york", tsquery: "'new' & 'york':*" });
    expect(searchTerms("it's").tsquery).toBe("'it' & 's':*");
    expect(searchTerms("?!").tsquery).toBeNull();
  });

  it("folds a text the same whichever way it is folded: whole when ASCII, a character at a time", () => {
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join("");
    for (const text of [ascii, `A  B\t\n\vC\f\r D ${ascii.toUpperCase()}`, "Déjà  Vu", "ＡＢ\u3000 c"]) {
      expect(searchDocument(text).body).toBe(foldText(text).folded);
    }
    expect(searchDocument("Déjà  Vu").terms).toEqual(["déjà", "vu"]);
  });

  it("caps a long word the same way in the text and in the query", () => {
    const word = "x".repeat(100);
    expect(searchDocument(word).terms).toEqual(["x".repeat(64)]);
    expect(searchTerms(`${word} y`).tsquery).toBe(`'${"x".repeat(64)}':* & 'y':*`);
  });

  it("quotes terms and escapes LIKE's characters", () => {
    expect(tsvectorText(["a'b", "c\\d"])).toBe("'a''b' 'c\\\\d'");
    expect(containsPattern("100%_\\")).toBe("%100\\%\\_\\\\%");
  });
});

describe("snippets", () => {
  it("marks every match in the original text, whatever its case or width", () => {
    expect(snippetOf("Weather and WEATHER and ｗｅａｔｈｅｒ", "weather")).toEqual({
      text: "Weather and WEATHER and ｗｅａｔｈｅｒ",
      highlights: [
        [0, 7],
        [12, 19],
        [24, 31],
      ],
    });
  });

  it("shows one line around the first match of a long text, cut on whole characters", () => {
    const text = `${"🎉".repeat(100)}\n\n天气预报${"x".repeat(300)}`;
    const { text: line, highlights } = snippetOf(text, "天气");
    expect(line.startsWith("…")).toBe(true);
    expect(line.endsWith("…")).toBe(true);
    expect(line).not.toContain("\n");
    expect(line).not.toMatch(/^…[\udc00-\udfff]/);
    const [start, end] = highlights[0] ?? [0, 0];
    expect(line.slice(start, end)).toBe("天气");
  });

  it("opens the text from its start when nothing matches", () => {
    expect(snippetOf("short title", "other")).toEqual({ text: "short title", highlights: [] });
  });
});
