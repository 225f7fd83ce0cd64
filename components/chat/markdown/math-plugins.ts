// Loaded on demand by lazy-plugins.ts: KaTeX's stylesheet (and fonts) only when math appears.
import "katex/dist/katex.min.css";

export { default as rehypeKatex } from "rehype-katex";
export { default as remarkMath } from "remark-math";
