/**
 * A small bilingual business/tech glossary and German derivations that stemming cannot join
 * (verb ↔ noun: "wächst" ↔ "Wachstum", "besitzt" ↔ "Eigentum"). It lets lexical mode answer English
 * questions about German text and vice versa; with an embedding model loaded the dense leg does this properly.
 * Entries are general vocabulary, not phrases of any particular article.
 */
const EN_TO_DE = `
money:geld cash:bargeld valuation:bewertung value:wert worth:wert valued:bewertung
commit:verpflichtung,zusage commitment:verpflichtung,zusage committed:verpflichtung pledge:zusage,verpflichtung
spend:ausgaben spending:ausgaben expense:ausgaben cost:kosten,preis price:preis
growth:wachstum grow:wachstum growing:wachstum revenue:umsatz sales:umsatz turnover:umsatz income:einnahmen profit:gewinn
rights:rechte right:rechte share:anteil stake:anteil,beteiligung ownership:eigentum,anteil own:eigentum,besitz owns:eigentum,besitz
invest:investition investment:investition investing:investition investor:investor funding:finanzierung finance:finanzierung,finanz financial:finanz
deal:deal,vereinbarung agreement:vereinbarung contract:vertrag partnership:partnerschaft partner:partner
competitor:konkurrent,konkurrenz rival:rivale,konkurrenz competition:konkurrenz,wettbewerb
power:leistung,strom electricity:strom energy:energie,strom capacity:kapazitat compute:rechenleistung,rechenkapazitat computing:computing,rechenleistung
datacenter:rechenzentrum datacenters:rechenzentren center:zentrum negotiate:verhandlung negotiating:verhandlung negotiations:verhandlung talks:gesprache
control:kontrolle problem:problem problems:probleme issue:problem issues:probleme concern:bedenken,sorgen concerns:bedenken,sorgen worry:sorgen
regulator:regulierungsbehorde regulators:regulierungsbehorden investigate:untersuchen investigated:untersuchten investigation:untersuchung times:mal
reach:erreichen reached:erreichte exclusive:exklusiv exclusivity:exklusivitat platform:plattform training:training
cooling:kuhlsystem site:standort sites:standorte location:standort infrastructure:infrastruktur company:unternehmen,firma companies:unternehmen,firmen
letter:absichtserklarung intent:absichtserklarung collapse:scheitern,zusammengebrochen collapsed:zusammengebrochen failed:scheitern fail:scheitern
stalled:stocken stall:stocken circular:zirkular year:jahr years:jahre city:stadt town:stadt government:regierung region:region
antitrust:kartellrecht complaint:beschwerde complaints:beschwerden independence:unabhangigkeit dependence:abhangigkeit dependency:abhangigkeit
future:zukunft capital:kapital history:geschichte valuable:wertvoll expected:erwartet closing:abschluss close:abschluss quarter:quartal
small:klein compact:kompakt formfactor:formfaktor powerful:leistungsstark world:welt,weltweit worldwide:weltweit global:weltweit
discipline:disziplin burn:verbrennen burning:verbrennen buy:kaufen buying:kaufen bought:kaufen purchase:kaufen trust:vertrauen
friend:freunde friends:freunde private:privat privately:privat official:offiziell officially:offiziell strategy:strategie
leverage:hebelwirkung backlog:auftragsbestand half:halfte force:kraft longterm:langfristig advantage:vorteil model:modell models:modelle
system:system systems:systeme rescuer:retter savior:retter saviour:retter expertise:expertise experience:erfahrung support:unterstutzung
operation:betrieb operations:betrieb tension:spannungen tensions:spannungen giant:gigant giants:giganten owner:besitzer data:daten
sharing:austausch,beteiligung requirement:anforderungen requirements:anforderungen condition:bedingungen conditions:bedingungen
developer:entwickler developers:entwickler provider:anbieter vendor:anbieter supplier:anbieter market:markt influence:einfluss
weapon:waffe landscape:landschaft decision:entscheidung decisions:entscheidungen build:bauen building:bau construction:konstruktion alone:allein
leader:fuhrungskraft executive:fuhrungskraft executives:fuhrungskrafte chief:ceo boss:ceo head:chef plan:plan plans:plane planned:planten
chip:chips chips:chips processor:chips gpu:chips supercomputer:supercomputer cloud:cloud service:services services:services
new:neu why:warum reason:grund reasons:grunde worried:bedenken risk:risiko risks:risiken winner:gewinner win:gewinner won:gewonnen loser:verlierer
announce:ankundigung announced:angekundigt launch:einfuhrung launched:einfuhrung introduce:einfuhrung solution:losung solutions:losungen
percent:prozent percentage:prozent rate:rate annual:jahrlich yearly:jahrlich
use:verbrauchen,nutzen uses:verbrauchen,nutzen consume:verbrauchen consumption:verbrauch need:benotigen needs:benotigen
tell:erzahlen told:erzahlte,erzahlen say:sagen said:sagte,erzahlte never:nie finalized:offiziell,abgeschlossen finalised:offiziell,abgeschlossen final:offiziell,abschluss
withdraw:zuruckgetreten,zuruckziehen,weggehen withdrawal:ruckzug
often:mal many:viele frequently:mal dealclosing:geschaftsabschluss
`;

/** English multi-word terms, joined before lookup ("data centers" → "datacenters"). */
export const ENGLISH_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\bdata[\s-]+cent(?:er|re)s\b/gi, "datacenters"],
  [/\bdata[\s-]+cent(?:er|re)\b/gi, "datacenter"],
  [/\bletter of intent\b/gi, "letter intent"],
  [/\bform[\s-]+factor\b/gi, "formfactor"],
  [/\blong[\s-]+term\b/gi, "longterm"],
  [
    /\b(?:walk(?:ed|s|ing)? away|pull(?:ed|s|ing)? out|back(?:ed|s|ing)? out|step(?:ped|s|ping)? back|withdr[ae]w)\b/gi,
    "withdraw",
  ],
  [/\bdeal closing\b|\bclose the deal\b|\bclosing of the deal\b/gi, "dealclosing"],
];

const DE_TO_DE = `
besitzt:eigentum,anteil besitzen:eigentum,anteil besass:eigentum gehort:eigentum,anteil
wachst:wachstum wachsen:wachstum wuchs:wachstum kostet:kosten,preis kosten:preis
zugesagt:verpflichtung,verpflichtete zusagen:verpflichtung zusage:verpflichtung versprochen:verpflichtung
investiert:investition investieren:investition investierte:investition bewertet:bewertung wert:bewertung
verhandelt:verhandlungen verhandeln:verhandlungen chef:ceo,fuhrungskraft vorstand:ceo,fuhrungskraft
strom:leistung,strom energie:leistung,strom leistung:leistung stark:leistungsstark
problem:kontrollproblem probleme:kontrollproblem gescheitert:scheitern scheiterte:scheitern platzen:scheitern
umsatz:umsatz einnahmen:umsatz rechte:rechte
abgeschlossen:abschluss abschliessen:abschluss abschloss:abschluss geschlossen:abschluss
gekauft:kaufen kaufte:kaufen verkauft:verkauf bezahlt:zahlung gezahlt:zahlung
gegrundet:grundung entwickelt:entwicklung geplant:plan plante:plan planten:plan untersucht:untersuchung
verloren:verlust gewonnen:gewinn gestiegen:anstieg gesunken:ruckgang verdient:gewinn
`;

function parse(table: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of table.split(/\s+/).filter(Boolean)) {
    const [key, values] = entry.split(":");
    if (key && values) map.set(key, values.split(","));
  }
  return map;
}

/** Folded English word → German words (unstemmed). */
export const ENGLISH_TO_GERMAN: ReadonlyMap<string, string[]> = parse(EN_TO_DE);
/** Folded German word → related German words (unstemmed). */
export const GERMAN_RELATED: ReadonlyMap<string, string[]> = parse(DE_TO_DE);
