// The pages every search fake finds, whatever the query: enough to number, cite and show.

export interface SamplePage {
  title: string;
  url: string;
  snippet: string;
  published: string;
  site: string;
}

export const SAMPLE_PAGES: readonly SamplePage[] = [
  {
    title: "DeepSeek releases V4 with a 1M-token context",
    url: "https://news.example.com/deepseek-v4",
    snippet: "DeepSeek announced V4 on Thursday, with a one-million-token context window and lower prices.",
    published: "2026-07-24T08:00:00",
    site: "Example News",
  },
  {
    title: "DeepSeek V4 weights on Hugging Face",
    url: "https://hub.example.org/deepseek-ai/DeepSeek-V4",
    snippet: "Model card and open weights for DeepSeek V4 (MIT licence).",
    published: "2026-07-24T10:30:00",
    site: "Example Hub",
  },
  {
    title: "深度求索发布 V4 模型",
    url: "https://tech.example.cn/2026/07/deepseek-v4.html",
    snippet: "深度求索今日发布 V4 模型，支持百万 token 上下文。",
    published: "2026-07-25T09:00:00",
    site: "科技示例",
  },
];
