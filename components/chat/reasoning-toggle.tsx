import { useT } from "@/components/i18n/locale-provider";
import { PillToggle } from "./pill-toggle";

/** The DeepThink switch: a pressed/unpressed button, like DeepSeek's own "深度思考". */
export function ReasoningToggle({
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
      icon="atom"
      label={t.reasoning}
      testId="reasoning-toggle"
    />
  );
}
