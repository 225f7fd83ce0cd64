import { describe, expect, it } from "vitest";
import { shouldSendOnKeyDown } from "./is-composing-enter";

describe("shouldSendOnKeyDown", () => {
  it("sends on Enter", () => {
    expect(shouldSendOnKeyDown({ key: "Enter", shiftKey: false, keyCode: 13 })).toBe(true);
  });

  it("breaks the line on Shift+Enter", () => {
    expect(shouldSendOnKeyDown({ key: "Enter", shiftKey: true, keyCode: 13 })).toBe(false);
  });

  it("ignores other keys", () => {
    expect(shouldSendOnKeyDown({ key: "a", shiftKey: false })).toBe(false);
  });

  it("never sends while an input method is composing", () => {
    expect(shouldSendOnKeyDown({ key: "Enter", shiftKey: false, isComposing: true })).toBe(false);
    // React's synthetic event: the flag lives on nativeEvent
    expect(shouldSendOnKeyDown({ key: "Enter", shiftKey: false, nativeEvent: { isComposing: true } })).toBe(
      false,
    );
    // Safari ends composition before keydown but reports keyCode 229
    expect(shouldSendOnKeyDown({ key: "Enter", shiftKey: false, isComposing: false, keyCode: 229 })).toBe(
      false,
    );
  });

  it("accepts React's keyboard event type as it is", () => {
    const reactEvent = { key: "Enter", shiftKey: false, keyCode: 13, nativeEvent: new Event("keydown") };
    const typed: import("react").KeyboardEvent<HTMLTextAreaElement> = reactEvent as never;
    expect(shouldSendOnKeyDown(typed)).toBe(true);
  });
});
