// Enter sends, Shift+Enter breaks the line. While an input method is composing (Chinese, Japanese,
// Korean), Enter confirms the candidate instead, and sending then would send half a word.
// Safari reports that Enter with isComposing false but keyCode 229, so both are checked.

export interface EnterKeyEvent {
  key: string;
  shiftKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
  /** React's synthetic event keeps the DOM's isComposing here. */
  nativeEvent?: { isComposing?: boolean };
}

export function shouldSendOnKeyDown(event: EnterKeyEvent): boolean {
  if (event.key !== "Enter" || event.shiftKey) return false;
  if (event.isComposing || event.nativeEvent?.isComposing) return false;
  return event.keyCode !== 229;
}
