// PROTOCOL.md section 19: how hard the model thinks, sent as DeepSeek's `reasoning_effort`. Its
// own module, free of zod, so the composer can list the levels without the schemas' weight.

export const efforts = ["low", "high", "max"] as const;
export type Effort = (typeof efforts)[number];

export function isEffort(value: unknown): value is Effort {
  return efforts.some((effort) => effort === value);
}
