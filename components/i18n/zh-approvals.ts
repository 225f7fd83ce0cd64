import type { Dictionary } from "./en";
import type { enApprovals } from "./en-approvals";

// The interface text of tool approvals in Chinese (issue 22), key for key as en-approvals.ts.

export const zhApprovals: Pick<Dictionary, keyof typeof enApprovals> = {
  approvalNeeded: "运行前需要你的批准",
  approvalQuestion: (tool, server) => (server ? `运行 ${server} 的 ${tool}？` : `运行 ${tool}？`),
  allowOnce: "允许一次",
  alwaysAllow: "始终允许",
  alwaysAllowHint: "以后运行此工具不再询问",
  deny: "拒绝",
  approvalAllowed: "已允许",
  approvalDenied: "已拒绝",
  approvalTimedOut: "超时，未运行",
  approvalSending: "发送中…",
  approvalFor: (tool) => `${tool}：`,
  approvalFailed: (message) => (message ? `决定未被接受：${message}` : "决定未能发送，请检查网络后重试。"),
};
