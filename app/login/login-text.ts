import type { Locale } from "@/components/i18n/dictionary";

// The login page's own words, in both languages (the chat's dictionary stays the chat's).

const en = {
  title: "Enter the access code",
  intro: "This DeepSeek Chat is private. Ask whoever runs it for the access code.",
  label: "Access code",
  submit: "Continue",
  checking: "Checking…",
  wrong: "That access code is not right.",
  tooMany: (s: number) => `Too many attempts. Try again in ${s} s.`,
  offline: "The server could not be reached. Check the connection and try again.",
  failed: (status: number) => `The server could not sign you in (HTTP ${status}).`,
  remember: "You stay signed in on this browser for 30 days.",
};

export type LoginText = typeof en;

const zh: LoginText = {
  title: "请输入访问码",
  intro: "这是一个私有的 DeepSeek Chat，请向管理员索取访问码。",
  label: "访问码",
  submit: "进入",
  checking: "验证中…",
  wrong: "访问码不正确。",
  tooMany: (s: number) => `尝试次数过多，请 ${s} 秒后再试。`,
  offline: "无法连接服务器，请检查网络后重试。",
  failed: (status: number) => `服务器无法完成登录（HTTP ${status}）。`,
  remember: "此浏览器将保持登录 30 天。",
};

export const loginText: Record<Locale, LoginText> = { en, zh };
