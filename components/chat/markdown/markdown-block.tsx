import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { PlainTextFallback } from "../plain-text-fallback";
import { CodeBlock } from "./code-block";
import type { PluginSet } from "./lazy-plugins";
import { isTooDeep } from "./measure-nesting";
import { safeUrl } from "./safe-url";

// One top-level markdown block. Memoised on its text and plugins: once a block is complete its
// text stops changing, so while an answer streams only the last block is parsed (and measured)
// again. Raw HTML in the text is shown as text (react-markdown's default; rehype-raw is never added).
// URLs pass safeUrl: one it empties (a script URL, the app's own API) leaves a link's text and an
// image's alt text, inert, so nothing the answer says is lost and nothing is requested.

const urlTransform = (url: string) => safeUrl(url);

interface MarkdownBlockProps {
  text: string;
  plugins: PluginSet;
  copyLabel: string;
  copiedLabel: string;
  /** The note over a block shown as plain text because it nests too deeply. */
  tooDeepNote: string;
  /** A citation's accessible name: "Source 1: its title". */
  sourceLabel: (index: number, title: string) => string;
}

export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  plugins,
  copyLabel,
  copiedLabel,
  tooDeepNote,
  sourceLabel,
}: MarkdownBlockProps) {
  const components = useMemo<Components>(
    () => ({
      pre: (props) => <CodeBlock {...props} copyLabel={copyLabel} copiedLabel={copiedLabel} />,
      table: ({ node: _, ...props }) => (
        <div className="max-w-full overflow-x-auto">
          <table {...props} />
        </div>
      ),
      a: ({ node, href, ...props }) =>
        href && node?.properties.dataCitation !== undefined ? (
          <Citation
            index={String(node.properties.dataCitation)}
            href={href}
            title={props.title}
            label={sourceLabel}
          />
        ) : href ? (
          <a {...props} href={href} target="_blank" rel="noopener noreferrer" />
        ) : (
          <span data-testid="inert-link">{props.children}</span>
        ),
      img: ({ node: _, alt, src, ...props }) =>
        src ? (
          // biome-ignore lint/performance/noImgElement: model-written URLs; next/image needs known hosts.
          <img {...props} src={src} alt={alt ?? ""} loading="lazy" className="max-w-full rounded-lg" />
        ) : (
          <span data-testid="inert-image">{alt}</span>
        ),
    }),
    [copyLabel, copiedLabel, sourceLabel],
  );
  // Measured before parsing: past the limit the parser would take seconds or overflow the stack.
  if (isTooDeep(text)) return <PlainTextFallback text={text} note={tooDeepNote} className="markdown-block" />;
  return (
    <div className="markdown-block">
      <ReactMarkdown
        remarkPlugins={plugins.remark}
        rehypePlugins={plugins.rehype}
        components={components}
        urlTransform={urlTransform}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});

/** [n] as a superscript link to source n, opened beside the chat. */
function Citation({
  index,
  href,
  title = "",
  label,
}: {
  index: string;
  href: string;
  title?: string | undefined;
  label: (index: number, title: string) => string;
}) {
  return (
    <sup className="citation">
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        title={title}
        aria-label={label(Number(index), title)}
        data-testid="citation"
        data-index={index}
      >
        {index}
      </a>
    </sup>
  );
}
