// Loaded on demand by lazy-plugins.ts: the highlighter and its colours travel together.
import "./highlight-theme.css";

export { default as rehypeHighlight } from "rehype-highlight";
