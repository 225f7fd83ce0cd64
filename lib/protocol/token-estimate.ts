// How many tokens a text is, roughly, before the model counts it: DeepSeek's rule of thumb
// ("Token & Token Usage" in its API docs) is about 0.3 token per English character and 0.6 per
// Chinese one. The gauge under the composer and the server's check before calling the model both
// use it; the provider's own count (`stats.tokens`) replaces it once an answer ends. Pure and
// free of imports, so the composer can call it on every keystroke.

const ASCII_TOKEN = 0.3;
const OTHER_TOKEN = 0.6;

export function estimateTokens(text: string): number {
  let ascii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 128) ascii++;
  return Math.ceil(ascii * ASCII_TOKEN + (text.length - ascii) * OTHER_TOKEN);
}

/**
 * What one image costs, before the model counts it. DeepSeek does not publish a per-image figure;
 * vision models that cut an image into 28-pixel patches (Qwen-VL, DeepSeek-VL2's tiles) spend
 * about 1,000 to 1,400 tokens on a 1024-pixel square, and a screenshot is about that after the
 * provider scales it. The provider's own count replaces this once an answer ends.
 */
export const IMAGE_TOKENS = 1_000;
