import type { Dictionary } from "./en";
import type { enTools } from "./en-tools";

// The interface text of tool settings and the composer's tools menu in Chinese (issue 22), key for
// key as en-tools.ts.

export const zhTools: Pick<Dictionary, keyof typeof enTools> = {
  toolsTitle: "工具",
  toolsIntro:
    "本应用使用的 MCP 服务器及其工具的权限。关闭的工具不会提供给模型；“先询问”的工具需要你批准后才会运行。",
  toolsLoadFailed: "无法加载工具列表。",
  toolsSaveFailed: "无法保存更改。",
  tryAgain: "重试",
  toolsLayerOwn: "我自己",
  toolsLayerDeployment: "所有人",
  toolsLayerHint: "作为管理员，你还可以设置所有账号的工具权限；每个人只能在此基础上收紧。",
  toolsNoServers: "没有配置 MCP 服务器。",
  serverStatus: (status: string) =>
    ({ connected: "已连接", failed: "连接失败", idle: "未启动", connecting: "连接中", invalid: "配置无效" })[
      status
    ] ?? status,
  toolCount: (count: number) => `${count} 个工具`,
  failureReason: "原因：",
  useServer: (name: string) => `启用 ${name}`,
  useTool: (name: string) => `启用 ${name}`,
  offByAdmin: "已被管理员关闭",
  toolPolicy: (name: string) => `模型调用 ${name} 时`,
  policyDefault: (policy: string) => `默认（${policy === "ask" ? "先询问" : "直接运行"}）`,
  policyAuto: "直接运行",
  policyAsk: "先询问",
  policyAlwaysAllow: "始终允许",
  policyNever: "禁止（mcp.json 设定）",
  pinnedByAdmin: "由管理员设定",
  inputSchema: "输入参数",
  noToolsListed: "没有列出工具。",
  toolsMenu: "工具",
  toolsMenuHint: "为本对话关闭服务器或工具",
  toolsMenuOff: (count: number) => `已关闭 ${count} 个`,
  toolsMenuEmpty: "没有可用的工具。",
  manageTools: "工具设置…",
};
