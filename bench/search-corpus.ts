/**
 * Realistic German ideas for the search benchmark (bench/search.ts), recombined from the words
 * jobcenters and their partners describe their practice with: ~60 project words (each with the
 * inflections and compounds the texts use), target groups, partners and sentence templates
 * modelled on app/demo/demo-ideas.server.ts, plus a long tail of invented place, project and
 * provider names so that the lexicon (search_terms) has a realistic number of rare words.
 *
 * How often a word occurs decides how many rows a query matches, and so what the search costs.
 * Each idea has one main topic, drawn Zipf-like (s = 0.7, the first topic in ~11 % of the ideas,
 * the last in ~0.6 %), and one or two further topics drawn uniformly; every topic word then
 * occurs in roughly 3–15 % of the ideas, frequent generic words ("Jobcenter", "Arbeitgeber",
 * "Betriebe") in far more. The hits column of the report shows the resulting sizes.
 */
import { organizationKinds, type OrganizationKind } from "~/db/schema";
import { targetGroups, type TargetGroup } from "~/directory/target-groups";
import { fieldsOfAction, fundingSources, type FieldOfAction } from "~/ideas/vocabulary";
import type { Random } from "./random";

interface Topic {
  /** As in titles. */
  name: string;
  /** Inflections, compounds and related words used in the texts. */
  forms: readonly string[];
  field: FieldOfAction;
  groups: readonly TargetGroup[];
  partners: readonly OrganizationKind[];
}

const F = {
  youth: "Jugendliche integrieren",
  longTerm: "Langzeitbezieher aktivieren",
  employers: "Marktnähe/Arbeitgeber erschließen",
  qualify: "Kunden ohne Abschluss qualifizieren",
  migration: "Zuwanderung/Flucht/Asyl",
  quality: "Rechtmäßigkeit und Qualität",
} as const satisfies Record<string, FieldOfAction>;

/**
 * The project words, most frequent main topic first (Zipf rank), one per line:
 * name | further forms used in the texts | field of action (key of F) | target groups | partners.
 */
const topicTable = `
Praktikum | Praktika, Betriebspraktikum, Praktikumsbetrieb, Praktikumsplatz, Praktikumsbörse | employers | U25, Geflüchtete | arbeitgeber, bildungstraeger
Coaching | Jobcoaching, Gruppencoaching, beschäftigungsbegleitendes Coaching, Coachin | longTerm | Langzeitarbeitslose, Ü50 | bildungstraeger
Weiterbildung | berufliche Weiterbildung, Weiterbildungsberatung, FbW, Qualifizierung | qualify | Langzeitarbeitslose | bildungstraeger, agentur_fuer_arbeit
Arbeitgeberservice | gemeinsamer Arbeitgeberservice, Betriebsansprache, Arbeitgeberkontakte, Stellenakquise | employers | | arbeitgeber, agentur_fuer_arbeit
Ausbildung | Teilzeitausbildung, Ausbildungsplatz, Ausbildungsbetriebe, Ausbildungsbegleitung, Ausbildungsabbruch | youth | U25 | kammer, arbeitgeber
Sprachkurs | Berufssprachkurs, Sprachförderung, Sprachkurse, Deutschkurs | migration | Geflüchtete | bildungstraeger, migrationsberatung
Ehrenamt | Ehrenämter, ehrenamtliche Patinnen und Paten, Ehrenamtliche, Freiwilligenagentur | longTerm | Langzeitarbeitslose, Ü50 | sonstige, kommune
Kinderbetreuung | Betreuungsplatz, Randzeitenbetreuung, Kita, Notfallbetreuung | longTerm | Alleinerziehende, Partner-Bedarfsgemeinschaften mit Kindern | kommune, jugendamt
Schuldnerberatung | Schuldnerberaterin, Schuldner- und Insolvenzberatung, Schulden, Insolvenzberatung | longTerm | Langzeitarbeitslose, Alleinerziehende | schuldnerberatung
Fallmanagement | aufsuchendes Fallmanagement, Fallmanagerin, beschäftigungsorientiertes Fallmanagement, Fallmanager | longTerm | U25, Langzeitarbeitslose | jobcenter, jugendamt
Mobilität | Mobilitätshilfe, jobmobil, Fahrgemeinschaften, Mobilitätsberatung | longTerm | Langzeitarbeitslose | kommune, arbeitgeber
Bewerbungstraining | Bewerbungsunterlagen, Bewerbungsfotos, Vorstellungsgespräch | employers | U25, Ü50 | bildungstraeger
Jugendberufsagentur | JBA, Jugendberufsagenturen, Jugendberufshilfe | youth | U25 | jugendamt, agentur_fuer_arbeit
Speed-Dating | Speed-Dating mit Arbeitgebern, Kurzgespräche, Bewerberspeed-Dating | employers | Langzeitarbeitslose, Ü50 | arbeitgeber, kammer
Suchtberatung | Suchtberatungsstelle, Suchthilfe, Suchtprävention | longTerm | Langzeitarbeitslose | suchtberatung, psychosozialer_dienst
Umschulung | Einzelumschulung, Teilzeitumschulung, Umschulungen | qualify | Alleinerziehende, Rehabilitanden | bildungstraeger, kammer
Berufsorientierung | Berufsorientierungstage, Berufswahl, Berufsorientierungscamp | youth | U25 | agentur_fuer_arbeit, bildungstraeger
Arbeitsgelegenheit | AGH, Arbeitsgelegenheiten, Beschäftigungsprojekt | longTerm | Langzeitarbeitslose | sonstige, kommune
Eingliederungszuschuss | Lohnkostenzuschuss, EGZ, Zuschüsse | employers | Ü50, Menschen mit Behinderung | arbeitgeber
Jobmesse | Ausbildungsmesse, Messestand, Jobbörse | employers | | arbeitgeber, kammer
Probearbeit | Probearbeitstag, Probebeschäftigung, Schnuppertag | employers | Langzeitarbeitslose | arbeitgeber
Mentoring | Mentorinnen, Tandem, Mentoringprogramm | youth | U25, Geflüchtete | sonstige
Fallkonferenz | Fallkonferenzen, Fallbesprechung, Helferkonferenz | quality | | jugendamt, psychosozialer_dienst
Hausbesuch | Hausbesuche, aufsuchende Beratung, aufsuchende Arbeit | youth | U25 | jugendamt
Gesundheitsförderung | Gesundheitscoaching, Gesundheitskurs, Gesundheitsorientierung | longTerm | Langzeitarbeitslose, Ü50 | krankenkasse
Tagesstruktur | tagesstrukturierende Angebote, Tagesstätte | longTerm | Langzeitarbeitslose, Menschen mit Behinderung | psychosozialer_dienst
Führerschein | Führerscheinförderung, Fahrschule, Fahrerlaubnis | employers | U25, Langzeitarbeitslose | sonstige
Nachbetreuung | Begleitung nach der Arbeitsaufnahme, Stabilisierung, Nachsorge | longTerm | Langzeitarbeitslose | bildungstraeger
Integrationskurs | Integrationskurse, Orientierungskurs, Alphabetisierungskurs | migration | Geflüchtete | migrationsberatung, bildungstraeger
Anerkennungsberatung | Anerkennung ausländischer Abschlüsse, Berufsanerkennung, Anerkennungsverfahren | migration | Geflüchtete | migrationsberatung, kammer
Kompetenzfeststellung | Kompetenzprofil, Potenzialanalyse, Kompetenzcheck | qualify | Geflüchtete, Langzeitarbeitslose | bildungstraeger
Einstiegsqualifizierung | EQ, Einstiegsqualifizierungen | youth | U25, Geflüchtete | kammer, arbeitgeber
Videoberatung | Onlineberatung, digitale Sprechstunde, Videotermine | quality | | jobcenter
Sprechstunde | offene Sprechstunde, Beratungssprechstunde, Sprechzeiten | quality | | jobcenter, schuldnerberatung
Netzwerktreffen | Runder Tisch, Netzwerkarbeit, Netzwerkpartner | quality | | kommune, sonstige
Quartiersarbeit | Stadtteilbüro, Quartiersmanagement, Stadtteilarbeit | longTerm | Partner-Bedarfsgemeinschaften mit Kindern | kommune
Wohnungslosenhilfe | Wohnungssicherung, Wohnungsnotfallhilfe, Wohnungsverlust | longTerm | Langzeitarbeitslose | kommune, sonstige
Mietschulden | Energieschulden, Räumungsklage, Stromsperre | longTerm | Alleinerziehende | schuldnerberatung, kommune
Budgetberatung | Haushaltsplanung, Haushaltsbuch, Haushaltsführung | longTerm | Partner-Bedarfsgemeinschaften mit Kindern | schuldnerberatung
Familiencoaching | Familienbüro, Familienzentrum, Familienlotsin | longTerm | Alleinerziehende, Partner-Bedarfsgemeinschaften mit Kindern | jugendamt, kommune
Wiedereinstieg | Berufsrückkehr, Wiedereinsteigerinnen, Rückkehr in den Beruf | longTerm | Alleinerziehende | agentur_fuer_arbeit
Teilhabe am Arbeitsmarkt | Teilhabechancengesetz, § 16i SGB II, sozialer Arbeitsmarkt | longTerm | Langzeitarbeitslose | arbeitgeber
Digitalkurs | digitale Kompetenzen, Smartphone-Kurs, Digitalisierung | qualify | Ü50 | bildungstraeger
Arbeitsmarktbüro | Welcome Center, Willkommenslotse | migration | Geflüchtete | migrationsberatung
Lotsendienst | Lotsin, Lotsen, Behördenlotse | quality | Geflüchtete | sonstige
Sprachmittlung | Dolmetscher, Dolmetscherinnen, Sprach- und Kulturmittler | migration | Geflüchtete | migrationsberatung
Reha-Beratung | berufliche Rehabilitation, Reha-Fallkonferenz, Rentenversicherung | qualify | Rehabilitanden, Menschen mit Behinderung | agentur_fuer_arbeit, krankenkasse
Inklusion | Inklusionsbetriebe, Schwerbehinderung, Inklusionsamt | employers | Menschen mit Behinderung | arbeitgeber
Minijob | Midijob, geringfügige Beschäftigung, Hinzuverdienst | longTerm | Alleinerziehende | arbeitgeber
Teilzeit | Teilzeitarbeit, Muttischichten, flexible Arbeitszeiten | employers | Alleinerziehende | arbeitgeber
Existenzgründung | Gründungsberatung, Selbständigkeit, Gründerinnen | longTerm | | kammer
Pflegehelferin | Pflegeausbildung, Altenpflege, Pflegeeinrichtungen | qualify | Geflüchtete, Ü50 | arbeitgeber, bildungstraeger
Logistik | Lagerhelfer, Staplerschein, Logistikzentrum | employers | Langzeitarbeitslose | arbeitgeber
Gastronomie | Küchenhilfe, Hotellerie, Servicekräfte | employers | Geflüchtete | arbeitgeber
Handwerk | Handwerksbetriebe, Kreishandwerkerschaft, Handwerkskammer | employers | U25 | kammer, arbeitgeber
Bildungsgutschein | Aktivierungsgutschein, AVGS, Vermittlungsgutschein | qualify | Langzeitarbeitslose | bildungstraeger
Schulverweigerung | Schulabbruch, Schulsozialarbeit, Schulabschluss | youth | U25 | jugendamt
psychosoziale Betreuung | psychische Gesundheit, Krisenintervention, psychosozialen Dienst | longTerm | Langzeitarbeitslose, Rehabilitanden | psychosozialer_dienst
JOB-TURBO | Job-Turbo-Aktionswoche, Jobturbo | migration | Geflüchtete | jobcenter, agentur_fuer_arbeit
Job-Werkstatt | Lernwerkstatt, Werkstatt, Holzwerkstatt | longTerm | Langzeitarbeitslose | sonstige
Arbeitgeberfrühstück | Unternehmerfrühstück, Betriebsbesuch, Betriebsbesichtigung | employers | | arbeitgeber, kammer
`;

function listOf<T extends string>(cell: string, allowed: readonly T[], what: string): T[] {
  return cell
    .split(",")
    .map((value) => value.trim())
    .filter((value) => value !== "")
    .map((value) => {
      if (!(allowed as readonly string[]).includes(value))
        throw new Error(`search-corpus: unbekannte ${what} „${value}“`);
      return value as T;
    });
}

export const topics: readonly Topic[] = topicTable
  .trim()
  .split("\n")
  .map((line) => {
    const [name, forms, field, groups, partners] = line.split("|").map((cell) => cell.trim());
    if (!name || forms === undefined || !field || groups === undefined || partners === undefined)
      throw new Error(`search-corpus: Zeile „${line}“ hat nicht fünf Spalten`);
    if (!(field in F)) throw new Error(`search-corpus: unbekanntes Handlungsfeld „${field}“`);
    return {
      name,
      forms: [name, ...forms.split(",").map((form) => form.trim())],
      field: F[field as keyof typeof F],
      groups: listOf(groups, targetGroups, "Zielgruppe"),
      partners: listOf(partners, organizationKinds, "Partnerart"),
    };
  });

/** How each target group is written in running text. */
const groupTexts: Record<TargetGroup, readonly string[]> = {
  U25: ["junge Menschen unter 25", "Jugendliche", "junge Erwachsene"],
  Ü50: ["Ältere über 50", "ältere Arbeitslose", "Kundinnen und Kunden über 50"],
  Alleinerziehende: [
    "Alleinerziehende",
    "alleinerziehende Mütter und Väter",
    "Alleinerziehende mit kleinen Kindern",
  ],
  Langzeitarbeitslose: [
    "Langzeitarbeitslose",
    "langzeitarbeitslose Kundinnen und Kunden",
    "Menschen im Langzeitbezug",
  ],
  Geflüchtete: ["Geflüchtete", "geflüchtete Frauen und Männer", "Menschen mit Fluchtgeschichte"],
  "Menschen mit Behinderung": [
    "Menschen mit Behinderung",
    "schwerbehinderte Menschen",
    "Menschen mit gesundheitlichen Einschränkungen",
  ],
  "Partner-Bedarfsgemeinschaften mit Kindern": [
    "Familien im Leistungsbezug",
    "Bedarfsgemeinschaften mit Kindern",
    "Eltern in Partner-Bedarfsgemeinschaften",
  ],
  Rehabilitanden: [
    "Rehabilitanden",
    "Rehabilitandinnen und Rehabilitanden",
    "Menschen nach längerer Krankheit",
  ],
};

/** Partners in the dative, for "gemeinsam mit …". */
const partnerTexts: Record<OrganizationKind, readonly string[]> = {
  jobcenter: ["dem Jobcenter", "der Arbeitsvermittlung", "dem Bereich Leistung"],
  agentur_fuer_arbeit: [
    "der Agentur für Arbeit",
    "der Berufsberatung",
    "dem Arbeitgeberservice der Agentur",
  ],
  jugendamt: ["dem Jugendamt", "der Jugendhilfe", "dem Allgemeinen Sozialen Dienst"],
  schuldnerberatung: ["der Schuldnerberatung", "der Schuldner- und Insolvenzberatung"],
  suchtberatung: ["der Suchtberatung", "der Suchtberatungsstelle"],
  psychosozialer_dienst: ["dem Sozialpsychiatrischen Dienst", "der psychosozialen Beratungsstelle"],
  bildungstraeger: ["dem Bildungsträger", "der Volkshochschule", "dem Bildungswerk"],
  arbeitgeber: ["Arbeitgebern der Region", "den Betrieben vor Ort", "regionalen Unternehmen"],
  kammer: ["der Handwerkskammer", "der IHK", "der Kammer"],
  krankenkasse: ["der Krankenkasse", "der Gesundheitskasse"],
  kommune: ["der Stadtverwaltung", "dem Landkreis", "der Gemeinde"],
  migrationsberatung: ["der Migrationsberatung", "dem Jugendmigrationsdienst"],
  sonstige: ["Vereinen vor Ort", "der Kirchengemeinde", "dem Mehrgenerationenhaus"],
};

const benefits = [
  "der erste Schritt in Arbeit",
  "gemeinsam statt nacheinander",
  "schneller in Arbeit",
  "ein Ansprechpartner für alles",
  "vom Erstgespräch bis zum Arbeitsvertrag",
  "Erfahrungen aus zwei Jahren",
  "so klappt es im Alltag",
  "weniger Abbrüche",
  "mehr Verbindlichkeit",
  "Stärken sichtbar machen",
  "ohne Wartezeit",
  "kurze Wege",
  "Brücken bauen",
  "Vertrauen aufbauen",
  "Hürden abbauen",
];

const placeStarts = (
  "Alt Neu Ober Nieder Groß Klein Wolf Sand Stein Eich Linden Rosen Wald Berg Hohen Mühl " +
  "Kirch Brunn Hagen Birken Fichten Erlen Weiden Hasel Bieber Dorn Falken Kranich Marien " +
  "Sonnen"
).split(" ");
const placeMiddles = ["", "", "en", "ers", "el", "ing", "ter", "au"];
const placeEnds = (
  "dorf hausen feld stadt bach burg heim rode leben au ingen hagen wald berg brück furt " +
  "stedt kirchen beck walde"
).split(" ");
const quarters = ["Nord", "Süd", "Ost", "West", "Mitte", "Altstadt", "Neustadt", "am See"];
const surnameStarts = (
  "Kranz Hoff Brand Lind Stein Wolf Bach Kaiser Franke Hopp Straub Roth Kessel Feld Berg " +
  "Kamp Sommer Winter Mohr Scholz"
).split(" ");
const surnameEnds =
  "berger mann meier ner ke huber hofer ling er bauer schmidt wald stein haus".split(" ");
const syllables = "ta ri zo ven mi lo ka ne tu sa bi do re an ex pro vi ja fu ge".split(" ");
const providerKinds = [
  "Bildungswerk",
  "Beschäftigungsgesellschaft",
  "Ausbildungsverbund",
  "Diakonie",
  "Caritasverband",
  "Förderverein",
  "Werkstattverbund",
  "Qualifizierungszentrum",
];
/**
 * Compounds of the long tail ("Stadtteilwerkstatt", "Vermittlungsbörse"): German writes new
 * ones all the time, and they make up most of the words of real idea texts.
 */
const compoundStarts = (
  "Arbeits Jugend Familien Sprach Berufs Ausbildungs Beratungs Integrations Bildungs " +
  "Gesundheits Sozial Schuldner Sucht Wohnungs Kinder Eltern Frauen Migrations Stadtteil " +
  "Quartiers Betriebs Unternehmens Handwerks Pflege Kita Schul Freizeit Sport Kultur Netzwerk " +
  "Projekt Förder Qualifizierungs Praktikums Bewerbungs Vermittlungs Arbeitsmarkt " +
  "Beschäftigungs Teilhabe Inklusions Reha Senioren Nachbarschafts Ehrenamts Lern Medien " +
  "Digital Mobilitäts Verkehrs Umwelt Garten Küchen Lager Büro Verwaltungs Kommunal Landes " +
  "Kreis Gemeinde Kirchen Vereins Verbands Träger Kooperations Koordinierungs Fach Team " +
  "Leitungs Personal Fortbildungs Info Service Kontakt Termin Sprechstunden Begleit " +
  "Übergangs Orientierungs Einstiegs Anschluss"
).split(" ");
const compoundEnds = (
  "beratung stelle stellen zentrum büro angebot angebote projekt projekte gruppe gruppen kurs " +
  "kurse treff café werkstatt börse konferenz gespräch gespräche plan pläne netz netzwerk team " +
  "teams dienst dienste hilfe hilfen kraft kräfte leitung konzept modell woche tag tage abend " +
  "runde initiative programm förderung begleitung betreuung vermittlung qualifizierung schulung " +
  "schulungen fortbildung arbeit platz plätze raum räume mappe liste bogen karte brief vertrag " +
  "verträge fonds mittel partner partnerin akteure lotse lotsin koordination management " +
  "strategie ziele bericht"
).split(" ");

/** Two parts, sometimes three ("Jugendfamilienberatung"): most of them occur only once or twice. */
function compound(random: Random): string {
  const middle = random.chance(0.4) ? random.pick(compoundStarts).toLowerCase() : "";
  return `${random.pick(compoundStarts)}${middle}${random.pick(compoundEnds)}`;
}

const months = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];
const resultLabels = [
  "Teilnehmende",
  "Vermittlungen in Arbeit",
  "Praktika",
  "Beteiligte Betriebe",
  "Abbrüche",
  "Ausbildungsverträge",
  "Erreichte Familien",
  "Beratungsgespräche",
  "Einstellungen",
  "Wieder in Betreuung",
];
const headings = [
  "So sind wir vorgegangen",
  "Ablauf",
  "Unser Vorgehen",
  "So vermitteln wir",
  "Arbeitsweise",
  "Was es braucht",
  "Die ersten Schritte",
  "Bausteine",
  "Zeitplan",
  "Wer was macht",
];

/** An invented place name: "Birkenfeld", "Oberaubach-Nord". */
export function placeName(random: Random): string {
  const name = `${random.pick(placeStarts)}${random.pick(placeMiddles)}${random.pick(placeEnds)}`;
  return random.chance(0.25) ? `${name}-${random.pick(quarters)}` : name;
}

function surname(random: Random): string {
  return `${random.pick(surnameStarts)}${random.pick(surnameEnds)}`;
}

/** An invented project name: "TIZAN", "VENKA-JOB", "Provilo". */
function projectName(random: Random): string {
  const word = Array.from({ length: random.int(2, 3) }, () => random.pick(syllables)).join("");
  const roll = random.next();
  if (roll < 0.4) return word.toUpperCase();
  if (roll < 0.7)
    return `${word.toUpperCase()}-${random.pick(["JOB", "PLUS", "AKTIV", "START", "WEGE"])}`;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Context {
  random: Random;
  main: Topic;
  others: Topic[];
  group: string;
  partner: string;
  place: string;
  project: string | null;
  provider: string;
}

/** A form of the main topic, the name itself half of the time. */
function mainForm(context: Context): string {
  const { random, main } = context;
  return random.chance(0.5) ? main.name : random.pick(main.forms);
}
function otherForm(context: Context): string {
  const { random, others, main } = context;
  return random.pick((others.length > 0 ? random.pick(others) : main).forms);
}
const n = (random: Random, min: number, max: number) => String(random.int(min, max));

type Template = (context: Context) => string;

const titleTemplates: Template[] = [
  (c) => `${c.main.name}: ${c.random.pick(benefits)}`,
  (c) => `${c.main.name} für ${c.group}`,
  (c) => `${c.main.name} mit ${c.partner}`,
  (c) => `${c.main.name} und ${c.others[0]?.name ?? "Beratung"} aus einer Hand`,
  (c) => `${c.project ?? projectName(c.random)}: ${c.main.name} in ${c.place}`,
  (c) => `${c.main.name} in ${c.place}`,
  (c) => `${capitalize(c.group)}: ${mainForm(c)} statt Warteschleife`,
  (c) => `Gemeinsam mit ${c.partner}: ${c.main.name}`,
];

const summaryTemplates: Template[] = [
  (c) =>
    `${capitalize(c.group)} lernen über ${mainForm(c)} regionale Betriebe kennen. Von ${n(c.random, 8, 40)} Teilnehmenden kamen ${n(c.random, 3, 20)} in Arbeit oder Ausbildung.`,
  (c) =>
    `Das Jobcenter bietet ${mainForm(c)} gemeinsam mit ${c.partner} an. Ein fester Ansprechpartner begleitet vom ersten Gespräch bis zur Arbeitsaufnahme.`,
  (c) =>
    `Mit ${mainForm(c)} erreichen wir ${c.group}, die sonst keine Termine wahrnehmen. ${capitalize(otherForm(c))} ergänzt das Angebot.`,
  (c) =>
    `In ${c.place} haben wir ${mainForm(c)} und ${otherForm(c)} verbunden. Arbeitgeber, Träger und Integrationsfachkräfte stimmen sich wöchentlich ab.`,
  (c) =>
    `${capitalize(mainForm(c))} direkt im Jobcenter: kurze Wege, keine Wartezeit, verbindliche Termine. Besonders ${c.group} nutzen das Angebot.`,
  (c) =>
    `Seit ${n(c.random, 2015, 2024)} arbeiten wir mit ${c.partner} an ${mainForm(c)}. Der persönliche Eindruck zählt mehr als jede Bewerbungsmappe.`,
  (c) =>
    `${c.provider} begleitet ${c.group} bei ${mainForm(c)}. Nach ${n(c.random, 3, 12)} Monaten hatten ${n(c.random, 20, 70)} Prozent eine Beschäftigung.`,
];

const sentenceTemplates: Template[] = [
  (c) =>
    `Beteiligt sind außerdem ${compound(c.random)}, ${compound(c.random)} und ${compound(c.random)}.`,
  (c) => `Im Netzwerk arbeiten wir mit ${compound(c.random)} und ${compound(c.random)} zusammen.`,
  (c) =>
    `Neu hinzugekommen sind ${compound(c.random)} und ${compound(c.random)} in ${placeName(c.random)}.`,
  (c) =>
    `Früher stand bei ${c.group} die Beratung im Vordergrund, heute gehen wir mit ${mainForm(c)} früher in die Betriebe.`,
  (c) =>
    `Die Integrationsfachkräfte laden ${c.group} gezielt ein und klären vorab, ob ${otherForm(c)} nötig ist.`,
  (c) =>
    `Viele Arbeitgeber suchen Personal, finden aber keinen Zugang zu ${c.group}; ${mainForm(c)} schließt diese Lücke.`,
  (c) =>
    `Im Bereich Bestand betreuen wir Menschen mit einem Betreuungsschlüssel von etwa 1:${n(c.random, 75, 600)}.`,
  (c) =>
    `Die Zusammenarbeit mit ${c.partner} ist verbindlich geregelt und wird jährlich ausgewertet.`,
  (c) =>
    `${capitalize(mainForm(c))} findet in den Räumen von ${c.provider} in ${c.place} statt, gut erreichbar mit Bus und Bahn.`,
  (c) => `Wer einmal teilgenommen hat, empfiehlt ${mainForm(c)} im Bekanntenkreis weiter.`,
  (c) =>
    `Die Kinderbetreuung muss geklärt sein, bevor ${otherForm(c)} beginnt, nicht erst in der ersten Woche.`,
  () => `Dolmetscherinnen und Dolmetscher helfen beim ersten Gespräch, danach geht es meist ohne.`,
  (c) =>
    `Die Auswertung im ${c.random.pick(months)} hat gezeigt: ${n(c.random, 40, 90)} Prozent der Teilnehmenden waren zufrieden.`,
  () =>
    `Betriebe melden offene Stellen direkt an den Arbeitgeberservice, der passende Bewerberinnen und Bewerber vorschlägt.`,
  (c) =>
    `Datenschutz: Die Einwilligung zum Austausch mit ${c.partner} liegt vor dem ersten Termin vor.`,
  (c) => `Für ${c.group} ist ${mainForm(c)} oft der erste Kontakt zum Arbeitsmarkt seit Jahren.`,
  (c) =>
    `Das Projekt ${c.project ?? projectName(c.random)} wird von ${c.provider} und dem Jobcenter gemeinsam gesteuert.`,
  () => `Die Leitung nimmt sich einmal im Monat Zeit für eine Fallbesprechung im Team.`,
  (c) => `Ansprechpartnerin ist Frau ${surname(c.random)}, die auch ${otherForm(c)} koordiniert.`,
  (c) => `Mit ${otherForm(c)} haben wir gute Erfahrungen gemacht, vor allem in ${c.place}.`,
  (c) =>
    `Nach der Arbeitsaufnahme bleibt die Begleitung ${n(c.random, 3, 12)} Monate bestehen, damit niemand in der Probezeit abbricht.`,
  () =>
    `Gemeinsame Gespräche von Vermittlung und Leistung vermeiden doppelte Termine und widersprüchliche Auskünfte.`,
  (c) =>
    `Gefördert wird das Angebot aus dem Eingliederungstitel und mit Mitteln des Landkreises ${c.place}.`,
];

const helpedTemplates: Template[] = [
  (c) =>
    `**Was geholfen hat:** Ein Übungstermin eine Woche vorher. Wer einmal geübt hat, kommt auch zu ${mainForm(c)}.`,
  (c) =>
    `**Was geholfen hat:** Eine feste Tandem-Besetzung mit ${c.partner}. Nach zwei Terminen kennen alle beide Gesichter.`,
  (c) =>
    `**Was geholfen hat:** Die Freiwilligkeit. Niemand wird geschickt, alle kommen, weil sie ${mainForm(c)} wollen.`,
  (c) =>
    `**Was geholfen hat:** Berichte von früheren Teilnehmenden. Das überzeugt ${c.group} mehr als jede Präsentation.`,
];

const obstacleTemplates: Template[] = [
  (c) =>
    `**Stolpersteine:** Ohne Fahrgemeinschaft oder Jobticket scheitert es in ${c.place} am ersten Montag.`,
  (c) =>
    `**Stolpersteine:** Die Abstimmung mit ${c.partner} braucht Zeit. Planen Sie drei Monate Vorlauf ein.`,
  () => `**Stolpersteine:** Betriebe wollen oft sofort Unterlagen. Halten Sie Kurzprofile bereit.`,
  (c) =>
    `**Stolpersteine:** Die Auswahl. Wer an ${mainForm(c)} teilnimmt, muss wirklich bereit sein, sonst läuft das Angebot ins Leere.`,
];

const listTemplates: Template[] = [
  (c) => `Erstgespräch für ${c.group} in der Integrationsberatung`,
  (c) => `Vier Wochen vorher: Termine mit ${c.partner} abstimmen`,
  (c) => `${capitalize(mainForm(c))} an ${n(c.random, 2, 5)} Tagen pro Woche`,
  (c) => `Begleitung durch ${c.provider} während der ganzen Zeit`,
  () => `Rückmeldung an die Integrationsfachkraft nach jeder Woche`,
  () => `Auswertung mit Teilnehmenden, Betrieben und Jobcenter`,
  (c) => `${capitalize(otherForm(c))} bei Bedarf dazunehmen`,
  () => `Einladungen mit Übersetzung in Ukrainisch, Arabisch und Russisch`,
  (c) => `Kurzprofile der Bewerberinnen und Bewerber für Arbeitgeber in ${c.place}`,
  () => `Abschlussgespräch und Übergabe an die Arbeitsvermittlung`,
];

/** One generated idea: its texts, facets and a tiny tiptap body. */
export interface GeneratedIdea {
  title: string;
  summary: string;
  /** Paragraphs, heading and list of the body, in reading order. */
  paragraphs: string[];
  heading: string;
  list: string[];
  targetGroups: TargetGroup[];
  fieldsOfAction: FieldOfAction[];
  partnerKinds: OrganizationKind[];
  funding: string[];
  results: { label: string; value: string }[];
  period: string;
  contactName: string;
}

/** Cumulative Zipf(0.7) weights of the main topic. */
const topicCumulative = (() => {
  const weights = topics.map((_, rank) => 1 / (rank + 1) ** 0.7);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
})();

function zipfTopic(random: Random): Topic {
  const roll = random.next();
  const index = topicCumulative.findIndex((limit) => roll < limit);
  return topics[index === -1 ? topics.length - 1 : index]!;
}

/** Generates one idea; `providerPlace` is where most ideas of the organisation are set. */
export function generateIdea(random: Random, providerPlace: string): GeneratedIdea {
  const main = zipfTopic(random);
  const others = random.sample(
    topics.filter((candidate) => candidate !== main),
    random.int(1, 2),
  );

  const groups = new Set<TargetGroup>();
  for (const group of main.groups) if (random.chance(0.7)) groups.add(group);
  for (const group of random.sample(targetGroups, random.int(0, 2))) groups.add(group);
  const fields = new Set<FieldOfAction>([main.field]);
  if (random.chance(0.4)) fields.add(random.pick(fieldsOfAction));
  for (const other of others) if (random.chance(0.3)) fields.add(other.field);
  const partners = new Set<OrganizationKind>(["jobcenter"]);
  for (const partner of main.partners) partners.add(partner);
  for (const other of others) if (random.chance(0.3)) partners.add(random.pick(other.partners));
  const funding = random.sample(fundingSources, random.chance(0.3) ? 0 : random.int(1, 2));

  const textGroup: TargetGroup = [...groups][0] ?? random.pick(targetGroups);
  const partnerKinds = [...partners].filter((kind) => kind !== "jobcenter");
  const partnerKind = partnerKinds.length > 0 ? random.pick(partnerKinds) : "sonstige";
  const context: Context = {
    random,
    main,
    others,
    group: random.pick(groupTexts[textGroup]),
    partner: random.pick(partnerTexts[partnerKind]),
    place: random.chance(0.6) ? providerPlace : placeName(random),
    project: random.chance(0.3) ? projectName(random) : null,
    provider: `${random.pick(providerKinds)} ${random.chance(0.5) ? surname(random) : placeName(random)}`,
  };

  const sentences = (count: number) =>
    random
      .sample(sentenceTemplates, count)
      .map((template) => template(context))
      .join(" ");
  const paragraphs = [sentences(random.int(2, 3)), random.pick(helpedTemplates)(context)];
  if (random.chance(0.7)) paragraphs.push(random.pick(obstacleTemplates)(context));
  if (random.chance(0.4)) paragraphs.push(sentences(2));

  const startYear = random.int(2014, 2025);
  return {
    title: random.pick(titleTemplates)(context),
    summary: random.pick(summaryTemplates)(context),
    paragraphs,
    heading: random.pick(headings),
    list: random.sample(listTemplates, random.int(3, 5)).map((template) => template(context)),
    targetGroups: [...groups],
    fieldsOfAction: [...fields],
    partnerKinds: [...partners],
    funding,
    results: random.sample(resultLabels, random.int(1, 3)).map((label) => ({
      label,
      value: n(random, 2, 150),
    })),
    period: random.chance(0.5) ? `seit ${startYear}` : `${random.pick(months)} ${startYear}`,
    contactName: `${random.pick(["Kerstin", "Tobias", "Brigitte", "Daniel", "Aylin", "Jonas", "Sabine", "Mehmet", "Olga", "Frank"])} ${surname(random)}`,
  };
}
