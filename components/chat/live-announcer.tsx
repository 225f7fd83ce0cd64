/**
 * A visually hidden polite live region. The message list itself is not live (every streamed token
 * would be read out); this says the finished answer once.
 */
export function LiveAnnouncer({ text }: { text: string }) {
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
      {text}
    </div>
  );
}
