import { useT } from "@/components/i18n/locale-provider";
import { PillSelect } from "./pill-select";

/** The model a request asks for, when the server offers more than one; its name truncates on a phone. */
export function ModelPicker({
  models,
  value,
  onChange,
}: {
  models: readonly string[];
  value: string;
  onChange: (model: string) => void;
}) {
  const t = useT();
  return (
    <PillSelect
      id="model-picker"
      label={t.model}
      value={value}
      options={models.map((model) => ({ value: model, text: model }))}
      onChange={onChange}
      wrapperClass="min-w-0"
      selectClass="w-full max-w-[11rem] truncate"
    />
  );
}
