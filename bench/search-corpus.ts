import type { ImportedConversation, ImportedMessage } from "../lib/store/conversation-repository";

// One owner's history at the size issue 17 names: 10,000 conversations of 20 messages (200,000),
// in Chinese mostly and English, with words drawn by Zipf's law (a few very common, a long tail),
// so the index's common bigrams have long posting lists as in real text. Three probe terms are
// planted at known rates: a rare one, a two-character Chinese word and an English word. None of
// their characters or words occurs otherwise, so the rates are exact.

export const PROBES = {
  rare: { query: "琥珀色", rate: 0.0005 },
  chinese: { query: "茅台", rate: 0.04 },
  english: { query: "weather", rate: 0.04 },
} as const;
export type ProbeName = keyof typeof PROBES;

const COMMON_CHARS =
  "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切府环照亚温油价股";
const COMMON_ENGLISH =
  "the be to of and a in that have it for not on with he as you do at this but his by from they we say her she or an will my one all would there their what so up out if about who get which go me when make can like time no just him know take people into year your good some could them see other than then now look only come its over think also back after use two how our work first well way even new want because any these give day most us model answer code data file table price stock market report test error server page user value list chart question result system update search memory search version query cloud";
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "su",
  "ta",
  "ri",
  "po",
  "ve",
  "du",
  "ho",
  "ja",
  "bi",
  "ze",
  "fu",
  "gu",
];

/** A small fast PRNG (mulberry32): the same corpus on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with weight 1 / (rank + 1): Zipf's law. */
function zipf(n: number, next: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 0; rank < n; rank++) {
    sum += 1 / (rank + 1);
    cumulative.push(sum);
  }
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function vocabularies(next: () => number) {
  const chars = [...COMMON_CHARS];
  const pickChar = zipf(chars.length, next);
  const chinese = new Set<string>();
  while (chinese.size < 4_000) chinese.add(`${chars[pickChar()]}${chars[pickChar()]}`);
  const english = new Set(COMMON_ENGLISH.split(" "));
  while (english.size < 6_000) {
    const length = 2 + Math.floor(next() * 3);
    english.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(""));
  }
  return { chinese: [...chinese], english: [...english] };
}

export interface SearchCorpus {
  conversations: ImportedConversation[];
  messages: number;
  /** Messages holding each probe. */
  planted: Record<ProbeName, number>;
}

export function searchCorpus(conversations: number, perConversation = 20, seed = 17): SearchCorpus {
  const next = random(seed);
  const vocab = vocabularies(next);
  const pickChinese = zipf(vocab.chinese.length, next);
  const pickEnglish = zipf(vocab.english.length, next);
  const planted: Record<ProbeName, number> = { rare: 0, chinese: 0, english: 0 };
  const start = Date.UTC(2025, 0, 1);
  const list: ImportedConversation[] = [];
  for (let c = 0; c < conversations; c++) {
    const inChinese = next() < 0.7;
    const at = start + c * 3_600_000;
    const messages: ImportedMessage[] = [];
    for (let m = 0; m < perConversation; m++) {
      const user = m % 2 === 0;
      const words: string[] = [];
      const count = user ? 4 + Math.floor(next() * 16) : 20 + Math.floor(next() * 60);
      for (let w = 0; w < count; w++) {
        // Chinese text carries some English (model names, code words); English text none.
        const english = !inChinese || next() < 0.08;
        words.push(english ? (vocab.english[pickEnglish()] ?? "") : (vocab.chinese[pickChinese()] ?? ""));
      }
      for (const name of Object.keys(PROBES) as ProbeName[]) {
        if (next() >= PROBES[name].rate) continue;
        words.splice(Math.floor(next() * words.length), 0, PROBES[name].query);
        planted[name]++;
      }
      const content = inChinese ? chineseText(words) : `${words.join(" ")}.`;
      messages.push({
        id: `m${m}`,
        role: user ? "user" : "assistant",
        content,
        parts: [{ type: "text", text: content }],
        createdAt: at + m * 60_000,
        ...(user ? {} : { status: "done" as const, model: "deepseek-flash" }),
      });
    }
    list.push({
      id: `search-${String(c).padStart(5, "0")}`,
      title: messages[0]?.content.slice(0, 30) ?? "",
      createdAt: at,
      updatedAt: at + perConversation * 60_000,
      messages,
    });
  }
  return { conversations: list, messages: conversations * perConversation, planted };
}

/** Chinese runs with a space around English words, a comma every few words, a full stop at the end. */
function chineseText(words: string[]): string {
  let text = "";
  words.forEach((word, i) => {
    const latin = /^[a-z]/.test(word);
    text += latin ? ` ${word} ` : word;
    if (i % 7 === 6) text += "，";
  });
  return `${text.trim()}。`;
}
