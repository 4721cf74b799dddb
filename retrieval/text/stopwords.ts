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
rolle spielt spielen bedeutung bedeutet passiert passierte`;

const ENGLISH = `a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves much many does did please s t might may must shall can cannot get got
anything something someone anyone also high large big long often far fast
role play plays played mean means happen happened`;

export const STOPWORDS: ReadonlySet<string> = new Set(`${GERMAN} ${ENGLISH}`.split(/\s+/).filter(Boolean));

/** Words that mark a language; used to tell German questions from English ones. */
export const GERMAN_MARKERS: ReadonlySet<string> = new Set(
  `der die das und ist nicht wie viel viele was wer warum wann welche welcher welches hat haben wird wurde mit von fur
  auf dem den des ein eine einen sich sind zu zum zur uber auch noch nach bei aus oder kann gibt steht`
    .split(/\s+/)
    .filter(Boolean),
);

export const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  `the and is are was were what who why when which how much many does did do of to in on for with from by has have will
  would could should this that it its an a until about`
    .split(/\s+/)
    .filter(Boolean),
);
