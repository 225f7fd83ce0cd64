"use client";

import { JsonBlock } from "@/components/chat/json-block";
import { useT } from "@/components/i18n/locale-provider";
import type { SettingChange, ToolView } from "@/lib/chat-client/tools-api";
import type { ToolPolicy } from "@/lib/mcp/tool-policy";
import { SwitchButton } from "./switch-button";

export type Layer = "own" | "deployment";

type Choice = "default" | "auto" | "ask";

/** mcp.json's policy as the deployment layer leaves it: what "Default" means in the owner's layer. */
function policyBelow(tool: ToolView, layer: Layer): ToolPolicy {
  if (layer === "deployment") return tool.policy;
  const set = tool.settings.deployment?.policy;
  if (set === "ask") return "ask";
  if (set === "auto" && tool.policy === "ask") return "auto";
  return tool.policy;
}

/** One tool: its name and description, on/off and its policy in the layer edited, and its input schema. */
export function ToolRow({
  server,
  tool,
  layer,
  serverOff,
  readOnly,
  onChange,
}: {
  server: string;
  tool: ToolView;
  layer: Layer;
  serverOff: boolean;
  readOnly: boolean;
  onChange: (change: SettingChange) => void;
}) {
  const t = useT();
  const mine = tool.settings[layer];
  const adminOff = layer === "own" && tool.settings.deployment?.enabled === false;
  const change = (fields: Omit<SettingChange, "server" | "tool" | "layer">) =>
    onChange({ layer, server, tool: tool.name, ...fields });
  return (
    <li data-testid="tool-row" data-tool={tool.name} className="py-3">
      <div className="flex items-start gap-3">
        <SwitchButton
          checked={(mine?.enabled ?? true) && !adminOff}
          disabled={adminOff || serverOff || readOnly}
          onChange={(enabled) => change({ enabled })}
          label={t.useTool(tool.name)}
          testId="tool-switch"
        />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-sm">
            {tool.title ?? <span className="font-mono">{tool.name}</span>}
            {tool.title && tool.title !== tool.name && (
              <span className="ml-2 font-mono font-normal text-neutral-500 text-xs dark:text-neutral-400">
                {tool.name}
              </span>
            )}
          </p>
          {tool.description && (
            <p className="mt-0.5 line-clamp-3 text-neutral-600 text-sm dark:text-neutral-400">
              {tool.description}
            </p>
          )}
          {adminOff && <p className="mt-1 text-amber-700 text-xs dark:text-amber-300">{t.offByAdmin}</p>}
        </div>
        <PolicyControl
          tool={tool}
          layer={layer}
          disabled={readOnly}
          onChoose={(policy) => change({ policy })}
        />
      </div>
      <details className="mt-2 ml-12 text-sm">
        <summary className="cursor-pointer text-neutral-500 text-xs hover:text-neutral-700 dark:text-neutral-400 dark:hover:text-neutral-200">
          {t.inputSchema}
        </summary>
        <div className="mt-2">
          <JsonBlock label={t.inputSchema} value={tool.inputSchema} />
        </div>
      </details>
    </li>
  );
}

function PolicyControl({
  tool,
  layer,
  disabled,
  onChoose,
}: {
  tool: ToolView;
  layer: Layer;
  disabled: boolean;
  onChoose: (policy: "auto" | "ask" | null) => void;
}) {
  const t = useT();
  if (tool.policy === "never") {
    return (
      <span
        data-testid="tool-policy-never"
        className="shrink-0 text-neutral-500 text-xs dark:text-neutral-400"
      >
        {t.policyNever}
      </span>
    );
  }
  const value: Choice = tool.settings[layer]?.policy ?? "default";
  const below = policyBelow(tool, layer);
  // Always allow is offered where it can take effect, and shown where it is set.
  const allowAlways =
    layer === "deployment" ? tool.policy === "ask" : tool.can_allow_always || value === "auto";
  const pinned = layer === "own" && tool.settings.deployment?.policy !== undefined;
  const options: { value: Choice; text: string }[] = [
    { value: "default", text: t.policyDefault(below) },
    ...(below === "ask" ? [] : [{ value: "ask" as const, text: t.policyAsk }]),
    ...(allowAlways ? [{ value: "auto" as const, text: t.policyAlwaysAllow }] : []),
  ];
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <select
        aria-label={t.toolPolicy(tool.name)}
        data-testid="tool-policy"
        value={value}
        disabled={disabled}
        onChange={(event) => {
          const chosen = event.target.value;
          onChoose(chosen === "auto" || chosen === "ask" ? chosen : null);
        }}
        className="rounded-lg border border-neutral-200 bg-white px-2 py-1 text-xs focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:bg-neutral-900"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
      {pinned && <span className="text-neutral-500 text-xs dark:text-neutral-400">{t.pinnedByAdmin}</span>}
    </div>
  );
}
