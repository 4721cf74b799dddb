import { foldText } from "../text/normalize.ts";

export type QuestionType =
  | "quantity"
  | "time"
  | "person"
  | "place"
  | "reason"
  | "list"
  | "definition"
  | "other";

const PATTERNS: Array<[QuestionType, RegExp]> = [
  [
    "time",
    /\b(bis wann|seit wann|wann|in welchem jahr|welches jahr|until when|since when|when|what year|which year|how long)\b/,
  ],
  [
    "quantity",
    /\b(wie ?viele?|wie hoch|wie gross|wie teuer|wie schnell|welche summe|welchen betrag|welcher betrag|wie viel prozent|how much|how many|how large|how big|how high|how fast|what amount|what share|what stake|which stake|how large a stake|what percentage|valuation|bewertung|prozent|percent)\b/,
  ],
  ["person", /^(wer|who|mit wem|with whom)\b|\b(wer|who)\b/],
  [
    "place",
    /\b(wo|woher|wohin|where|in welche[mr]? (stadt|land|region|staat)|in which (city|country|region|state))\b/,
  ],
  [
    "reason",
    /\b(warum|weshalb|wieso|weswegen|aus welchem grund|why|for what reason|what went wrong|was ging schief)\b/,
  ],
  ["list", /\b(welche|which|what are|was sind|nenne|list)\b/],
  ["definition", /^(was ist|was sind|what is|what are|what's|wer ist|who is)\b/],
];

/** "Wer"/"Who" capitalised inside the question is part of a name ("Doctor Who"), not the question word. */
const NAME_QUESTION_WORD = /(?<=\S\s+)(?:Wer|Who)\b/gu;

export function questionType(question: string): QuestionType {
  const q = foldText(question.replace(NAME_QUESTION_WORD, "")).trim();
  for (const [type, re] of PATTERNS) if (re.test(q)) return type;
  return "other";
}
