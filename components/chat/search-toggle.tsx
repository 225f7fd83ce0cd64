import { useT } from "@/components/i18n/locale-provider";
import { PillToggle } from "./pill-toggle";

/** The 联网搜索 switch beside 深度思考: the answer may search the web and read pages (issue 21). */
export function SearchToggle({
  pressed,
  onChange,
}: {
  pressed: boolean;
  onChange: (pressed: boolean) => void;
}) {
  const t = useT();
  return (
    <PillToggle
      pressed={pressed}
      onChange={onChange}
      icon="globe"
      label={t.webSearch}
      title={t.webSearchHint}
      testId="search-toggle"
    />
  );
}
