/**
 * Function words and question words of German and English (folded: no umlauts, ß → ss).
 * They carry no topic, so they neither score nor count towards a question's coverage.
 */
const GERMAN = `aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf aus bei beim
bin bis bist da dabei damit dann das dass dasselbe dem den denen denn der deren des dessen die dies diese diesem diesen dieser
dieses doch dort du durch ein eine einem einen einer eines einige einigen einiges er es etwas euch euer eure fur gegen
gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins
ist ja jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann konnen konnte kein keine keinem keinen keiner
keines man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste nach
nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem
solchen solcher solches soll sollte sondern sonst uber um und uns unser unsere unter vom von vor wahrend war waren warst
was weg weil welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir wird wirst wo wollen wollte
wurde wurden zu zum zur zwar zwischen wieviel wieso weshalb warum wann wessen wem wen viel viele vielen wievielen gibt
geht sagt steht stehen denn eigentlich genau bitte mal etwa wohl gerade sowie sowohl davon dafur dazu daruber darauf
daran darin dagegen hierzu hiervon insgesamt hoch hohe hoher gross grosse grosser lange oft weit teuer schnell fast
rolle spielt spielen bedeutung bedeutet passiert passierte
woran worauf woraus wobei wodurch wofur wogegen woher wohin womit wonach worin woruber worum worunter wovon wovor
wozu`;

const ENGLISH = `a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves much many does did please s t might may must shall can cannot get got
anything something someone anyone also high large big long often far fast
role play plays played mean means happen happened upon`;

export const STOPWORDS: ReadonlySet<string> = new Set(`${GERMAN} ${ENGLISH}`.split(/\s+/).filter(Boolean));

const GERMAN_WORDS = GERMAN.split(/\s+/).filter(Boolean);
const ENGLISH_WORDS = ENGLISH.split(/\s+/).filter(Boolean);
const BY_LANGUAGE = { de: new Set(GERMAN_WORDS), en: new Set(ENGLISH_WORDS) } as const;

/**
 * A function word of that language (folded). STOPWORDS joins both languages, so a German article like "die"
 * is dropped from English text too; a question word that is a content word in its own language (English
 * "die") can still be translated.
 */
export function isStopwordIn(word: string, lang: "de" | "en"): boolean {
  return BY_LANGUAGE[lang].has(word);
}

/** Words that mark a language; a word that is a function word in both ("in", "was", "an") marks neither. */
export const GERMAN_MARKERS: ReadonlySet<string> = markers(
  `der die das und ist nicht wie viel viele was wer warum wann welche welcher welches welchem welchen hat haben
  wird wurde wurden war waren mit von fur auf dem den des ein eine einen einem einer sich sind zu zum zur uber auch
  noch nach bei aus oder kann gibt steht wessen wem wen weshalb wieso woher wohin womit wodurch worin wofur woran
  worauf wozu seit als bis gegen zwischen unter durch ohne wahrend diese dieser dieses diesem diesen jene man sie er
  es wir ihr ihre ihren sein seine seinen seinem seiner im ins vom beim`,
  ENGLISH_WORDS,
);

export const ENGLISH_MARKERS: ReadonlySet<string> = markers(
  `the and is are was were what who whom whose why when which how much many does did do of to in on for with from by
  has have had will would could should this that it its an a until about been being these those they their there
  into onto than then during after before between through against without whose where`,
  GERMAN_WORDS,
);

function markers(list: string, otherLanguage: readonly string[]): ReadonlySet<string> {
  const other = new Set(otherLanguage);
  return new Set(list.split(/\s+/).filter((w) => w !== "" && !other.has(w)));
}
