// Loaded on demand by lazy-plugins.ts: the highlighter and its colours travel together.
import "./highlight-theme.css";
import rehypeHighlightPlugin, { type Options } from "rehype-highlight";

let shared: ReturnType<typeof rehypeHighlightPlugin> | undefined;

/**
 * rehype-highlight builds a new highlighter, registering some 37 grammars, each time a processor
 * is made, and react-markdown makes one per render: a streaming code block paid that every frame.
 * The options never change here, so one transformer (and one highlighter) serves every render.
 */
export function rehypeHighlight(options: Options) {
  shared ??= rehypeHighlightPlugin(options);
  return shared;
}
