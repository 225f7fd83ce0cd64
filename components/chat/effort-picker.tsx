import { useT } from "@/components/i18n/locale-provider";
import { type Effort, efforts } from "@/lib/protocol/effort";
import { PillSelect } from "./pill-select";

/** How hard the model thinks (PROTOCOL.md section 19), beside the 深度思考 toggle while it is on. */
export function EffortPicker({ value, onChange }: { value: Effort; onChange: (effort: Effort) => void }) {
  const t = useT();
  return (
    <PillSelect
      id="effort-picker"
      label={t.effort}
      title={t.effortHint}
      value={value}
      options={efforts.map((effort) => ({ value: effort, text: t.effortLevel(effort) }))}
      onChange={onChange}
      wrapperClass="shrink-0"
    />
  );
}
