// About how many tokens a text costs the model, before the server counts them: DeepSeek's own rule
// of thumb (its pricing page) is 0.3 of a token per English character and 0.6 per Chinese one.

const WIDE = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/gu;

export function estimateTokens(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return Math.ceil(wide * 0.6 + (text.length - wide) * 0.3);
}
