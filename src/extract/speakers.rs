//! Claimants the alias table does not know: people and groups named where a figure is
//! attributed ("Tomas Rehak said", "glaubt Kolb", "according to Kursk Watch", "Daria Lysenko of
//! the Missing Persons Project said", "Das Leipziger Korea-Zentrum beziffert …"). A name is a
//! run of capitalised words (or a quoted name) right before a verb of saying, right after one,
//! or after "according to" / "laut"; the words that merely start a sentence are dropped.
//!
//! German capitalises every noun, so there a single word counts only when the document names
//! it elsewhere as the last of two capitalised words ("Reinhard Kolb" … "sagte Kolb") or it
//! follows an inverted verb of saying ("…, glaubt Kolb,").

use super::{re, re_fmt};
use regex::Regex;
use std::sync::OnceLock;

/// A name word: "Rehak", "Chol-min", "UK", "Korea-Zentrum".
const WORD: &str = r"[A-Z][A-Za-z]*(?:-[A-Z]?[a-z]+)*";

const SAY_AFTER: &str = r"said|says|told|expects|expected|predicts|predicted|forecasts|erwartet|erwartete|claimed|claims|insists|insisted|believes|believed|estimates|estimated|assessed|assesses|assess|wrote|writes|argues|argued|reported|reports|added|noted|stated|warned|warns|thinks|reckons|reckoned|calculated|counts|counted|posted|announced|confirmed|suggested|suggests|concluded|puts|put|sagte|sagt|sagten|sagen|erklärte|erklärt|erklärten|schätzt|schätzte|schätzen|glaubt|glaubte|meint|meinte|warnte|warnt|betonte|betont|beziffert|bezifferte|beziffern|sprach|spricht|verweist|verwies|mahnte|rechnet|rechnete|geht|ging|berichtet|berichtete|teilte|nannte|nennt|vermutet|vermutete|behauptet|behauptete|schreibt|schrieb|zitierte|zitiert";

/// Verbs of saying before the name ("…, said Rehak."): the name ends the clause.
const SAY_BEFORE: &str = r"said|says|told|added|wrote|sagte|sagt|sagten|erklärte|erklärt|schätzt|schätzte|glaubt|glaubte|meint|meinte|warnte|betonte";

/// Words that introduce a source ("according to Helen Marsh, …", "laut Kolb").
const SOURCE_BEFORE: &str =
    r"according to|laut|so|nach angaben von|nach einschätzung von|nach den worten von|citing";

/// Places and peoples: "Russia said" is left to the alias table, which knows the side it
/// stands for, and "said North Korean units" names no speaker.
const PLACES: &[&str] = &[
    "Russia",
    "Russian",
    "Russians",
    "Russland",
    "Russlands",
    "Moscow",
    "Moskau",
    "Kremlin",
    "Ukraine",
    "Ukrainian",
    "Ukrainians",
    "Kyiv",
    "Kiev",
    "Kiew",
    "North",
    "South",
    "Korea",
    "Korean",
    "Koreans",
    "Nordkorea",
    "Nordkoreas",
    "Suedkorea",
    "Suedkoreas",
    "Seoul",
    "Pyongyang",
    "Pjoengjang",
    "Washington",
    "America",
    "American",
    "US",
    "USA",
    "United",
    "States",
    "Britain",
    "British",
    "UK",
    "London",
    "Berlin",
    "Germany",
    "Deutschland",
    "China",
    "Beijing",
    "Peking",
    "Europe",
    "European",
    "EU",
    "Nato",
    "NATO",
    "West",
    "Western",
    "Westen",
    "Kursk",
    "Donbas",
    "Donbass",
    "Japan",
    "Tokyo",
    "Tokio",
];

/// Words of time: "Mitte Januar berichtete …" names no one.
const TIMES: &[&str] = &[
    "Januar",
    "Jaenner",
    "January",
    "Februar",
    "February",
    "Maerz",
    "March",
    "April",
    "Mai",
    "May",
    "Juni",
    "June",
    "Juli",
    "July",
    "August",
    "September",
    "Oktober",
    "October",
    "November",
    "Dezember",
    "December",
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mitte",
    "Anfang",
    "Ende",
    "Today",
    "Heute",
    "Gestern",
    "Yesterday",
    "Morgen",
    "Tomorrow",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Update",
    "UPDATE",
];

const ARTICLES: &[&str] = &["Der", "Die", "Das", "Dem", "Den", "Des", "The"];

/// Words that start a sentence or a noun phrase, not a name.
const LEADING: &[&str] = &[
    "The", "A", "An", "Der", "Die", "Das", "Dem", "Den", "Des", "Ein", "Eine", "Einer", "Eines",
    "In", "On", "At", "But", "And", "Und", "Aber", "Doch", "Auch", "So", "Yet", "Then", "Now",
    "Nun", "Jetzt", "When", "Als", "Wenn", "If", "Wie", "As", "While", "Its", "His", "Her",
    "Their", "Our", "This", "That", "These", "Those", "Dieser", "Diese", "Dieses", "Mr", "Mrs",
    "Ms", "Dr", "Prof", "Herr", "Frau", "Nach", "Laut", "For", "Fuer", "By", "From", "With", "Von",
    "Bei", "Mit",
];

/// Words that are never a speaker's name on their own.
const NOT_NAMES: &[&str] = &[
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "You",
    "Er",
    "Sie",
    "Es",
    "Wir",
    "Ich",
    "Man",
    "Officials",
    "Analysts",
    "Experts",
    "Sources",
    "Observers",
    "Critics",
    "Reports",
    "Report",
    "Diplomats",
    "Witnesses",
    "Residents",
    "Soldiers",
    "Troops",
    "Commanders",
    "Researchers",
    "Others",
    "Some",
    "Many",
    "Most",
    "Both",
    "Everyone",
    "Nobody",
    "Somebody",
    "Someone",
    "Who",
    "What",
    "Which",
    "There",
    "Here",
    "Experten",
    "Beobachter",
    "Kritiker",
    "Quellen",
    "Diplomaten",
    "Berichte",
    "Zeugen",
    "Einige",
    "Viele",
];

/// A speaker named in a sentence: (start, end, name) with byte offsets into the sentence.
pub type Speaker = (usize, usize, String);

fn name_re() -> String {
    // an academic title may stand inside a name ("Sicherheitsexperte Dr. Felix Reinhold")
    format!(
        r#"(?:"\s*(?P<q>[A-Z][^"]{{1,40}}?)\s*"|(?P<n>{WORD}(?:\s+(?:{ACADEMIC}|{WORD})){{0,3}}))"#
    )
}

/// Academic titles written with a full stop, which is not a sentence's end.
const ACADEMIC: &str = r"(?:Dr|Prof)\.";

/// Every speaker named in `s` (folded text). `surname` tells whether a single capitalised
/// word is known to the document as someone's surname (German only).
pub fn speakers(s: &str, lang: &str, surname: &dyn Fn(&str) -> bool) -> Vec<Speaker> {
    static FORWARD: OnceLock<Regex> = OnceLock::new();
    static INVERTED: OnceLock<Regex> = OnceLock::new();
    static ZUFOLGE: OnceLock<Regex> = OnceLock::new();
    // "NAME, an open-source researcher at …, said", "NAME of the … Project said"
    let forward = re_fmt(&FORWARD, || {
        format!(
            r"{}(?:,\s(?:[^,.;]|,\d){{3,100}},|\s+(?:of|from|at|vom|von der|von)\s+(?:the\s+)?[^,.;]{{3,60}}?)?\s+(?:(?i:selbst|himself|herself|also|auch|zudem|now|nun|still|inzwischen|dagegen|however|jedoch|meanwhile)\s+)?(?:has\s+|have\s+|had\s+|hat\s+|hatte\s+)?(?i:{SAY_AFTER})\b",
            name_re()
        )
    });
    let inverted = re_fmt(&INVERTED, || {
        format!(
            r"\b(?:(?P<v>(?i:{SAY_BEFORE}))|(?i:{SOURCE_BEFORE}))\s+(?P<art>(?i:the|der|die|das|dem|den)\s+)?{}",
            name_re()
        )
    });
    let zufolge = re_fmt(&ZUFOLGE, || format!(r"{}\s+(?i:zufolge)\b", name_re()));
    static POSSESSIVE: OnceLock<Regex> = OnceLock::new();
    // "NAME's own tally puts …": a named person's own count
    let possessive = re_fmt(&POSSESSIVE, || {
        format!(
            r"{}'+s\s+(?i:(?:own\s+|latest\s+|new\s+)?(?:tally|estimates?|count|analysis|assessment|calculations?|model|database|study)\b)",
            name_re()
        )
    });
    // a possessive is looked for only where one is written (one substring search)
    let possessive = s.contains("'s ").then_some(possessive);
    // "Für Lena Voigtländer vom Zentrum … ist das eine neue Phase", "For Hana Seo, this is …":
    // whose view the sentence gives
    static VIEW: OnceLock<Regex> = OnceLock::new();
    let view = re_fmt(&VIEW, || {
        format!(
            r"(?:^|[.;:]\s+)(?:Für|For)\s+{}(?:\s+(?:vom|von der|von|of the|at the)\s+[^,.;]{{3,60}}?)?(?:\s+(?:ist|sind|war|waren|bleibt|steht)\b|,\s+(?:this|that|it|the)\b)",
            name_re()
        )
    });
    let view = (s.contains("Fuer ") || s.contains("For ")).then_some(view);
    let mut out: Vec<Speaker> = Vec::new();
    let regexes = [(forward, false), (inverted, true), (zufolge, false)]
        .into_iter()
        .chain(possessive.map(|p| (p, false)))
        .chain(view.map(|v| (v, false)));
    for (re, inverted) in regexes {
        for c in re.captures_iter(s) {
            let Some(m) = c.name("q").or_else(|| c.name("n")) else {
                continue;
            };
            let quoted = c.name("q").is_some();
            let Some((start, name, article)) = clean(m.as_str(), m.start(), quoted) else {
                continue;
            };
            let article = article || c.name("art").is_some();
            let tail = s[m.end()..].trim_start_matches(['"', ' ']);
            // (or the name's organisation follows: "sagt Felix Reinhold vom Forum für
            // Wehrpolitik.", "said Jo Park of the Asan Institute.")
            let at_end = tail.starts_with([',', '.', ';', ':', '('])
                || tail.trim().is_empty()
                || ["vom ", "von der ", "of the ", "at the ", "from the "]
                    .iter()
                    .any(|p| tail.starts_with(p));
            // "said Rehak." / "said Rehak, an analyst": after a verb the name ends the clause
            if inverted && c.name("v").is_some() && !at_end {
                continue;
            }
            // "Der Einsatz rechnet sich": not a verb of saying
            let after = &s[c.get(0).map_or(m.end(), |w| w.end())..];
            if !inverted && after.trim_start().starts_with("sich") {
                continue;
            }
            // "Südkoreas Geheimdienst": the place is the possessor, the noun is no name
            let (start, name) = if quoted {
                (start, name)
            } else {
                let mut at = start;
                let mut rest = name.as_str();
                while let Some((w, r)) = rest.split_once(' ') {
                    if !PLACES.contains(&w.trim_end_matches("'s").trim_end_matches('s')) {
                        break;
                    }
                    at += w.len() + 1;
                    rest = r;
                }
                if at > start && lang == "de" && !rest.contains(' ') {
                    continue;
                }
                if lang == "de" {
                    (at, rest.to_string())
                } else {
                    (start, name)
                }
            };
            if !quoted {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words
                    .iter()
                    .all(|w| PLACES.contains(&w.trim_end_matches("'s")))
                    || words.iter().any(|w| TIMES.contains(w))
                {
                    continue;
                }
            }
            let single = !quoted && !name.contains(' ');
            if single && lang == "de" {
                // a German noun after its article ("Der Geheimdienst schätzt") is no name
                if article || (!surname(&name) && (!inverted || !at_end)) {
                    continue;
                }
            }
            let first = s[..start].trim_start_matches(['"', '\'', ' ']).is_empty();
            if single && lang != "de" && first && !surname(&name) {
                // a capitalised first word is a name only when the document knows it as one
                // or describes it ("Varta, a Ukrainian special unit, said")
                let appositive = s[start + name.len()..]
                    .trim_start_matches(['"', ' '])
                    .starts_with(", a");
                if !appositive {
                    continue;
                }
            }
            // the name's span as written (white space inside it not collapsed)
            let end = m.start() + m.as_str().trim_end().len();
            if !out.iter().any(|o| o.0 < end && start < o.1) {
                out.push((start, end, name));
            }
        }
    }
    // a unit that reports on its own account: "Die 80. Luftsturmbrigade der Ukraine hat nach
    // eigenen Angaben …", "The 80th Air Assault Brigade said it …"
    static UNIT: OnceLock<Regex> = OnceLock::new();
    let unit = re(
        &UNIT,
        r"(?:^|[.;:]\s+)(?:(?:Die|Der|Das|The)\s+)?(?P<n>(?:\d{1,3}(?:\.|st|nd|rd|th)\s+)?(?:[A-Z][\w-]*\s+){0,3}?[\w-]*(?i:brigade|brigada|bataillon|battalion|regiment|korps|corps|division|luftsturmbrigade)\b(?:\s+(?:der|des)\s+(?:Ukraine|ukrainischen \w+))?)\s+(?:(?:hat|haben|habe|hatte|teilte|meldete|meldet|schrieb|said|says|reported|reports|claimed|claims|wrote|posted)\b)",
    );
    if ["rigad", "ataill", "attalion", "egiment", "orps", "ivision"]
        .iter()
        .any(|w| s.contains(w))
    {
        if let Some(c) = unit.captures(s) {
            let m = c.name("n").expect("group n");
            let (start, end) = (m.start(), m.end());
            if !out.iter().any(|o| o.0 < end && start < o.1) {
                out.push((start, end, m.as_str().to_string()));
            }
        }
    }
    out.sort();
    out
}

/// Drops leading sentence words; None when nothing that can be a name is left. Also tells
/// whether an article was dropped right before the name.
fn clean(raw: &str, at: usize, quoted: bool) -> Option<(usize, String, bool)> {
    if quoted {
        let n = raw.trim();
        return (!n.is_empty()).then(|| (at, n.to_string(), false));
    }
    let mut start = at;
    let mut rest = raw;
    let mut article = false;
    loop {
        let w = rest.split_whitespace().next()?;
        if LEADING.contains(&w) {
            article = ARTICLES.contains(&w);
            let skip = rest.find(w).unwrap() + w.len();
            start += skip + (rest[skip..].len() - rest[skip..].trim_start().len());
            rest = rest[skip..].trim_start();
        } else {
            break;
        }
    }
    // a title before a full name is not part of it ("Militärhistoriker Anton Liebig")
    loop {
        let mut ws = rest.split_whitespace();
        let (Some(w), Some(_), Some(_)) = (ws.next(), ws.next(), ws.next()) else {
            break;
        };
        if !is_title(w) {
            break;
        }
        let skip = rest.find(w).unwrap() + w.len();
        start += skip + (rest[skip..].len() - rest[skip..].trim_start().len());
        rest = rest[skip..].trim_start();
    }
    let name = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || (!name.contains(' ') && NOT_NAMES.contains(&name.as_str())) {
        return None;
    }
    // a name needs a lower-case letter or is a short acronym ("UK", "SBU")
    if !name.contains(' ') && name.len() > 5 && !name.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some((start, name, article))
}

/// A word that names a rank, office or trade ("Staatsministerin", "FDP-Abgeordnete",
/// "Colonel"), by its ending, on folded text.
fn is_title(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "historiker",
        "historikerin",
        "experte",
        "expertin",
        "minister",
        "ministerin",
        "sprecher",
        "sprecherin",
        "analyst",
        "analystin",
        "forscher",
        "forscherin",
        "abgeordnete",
        "abgeordneter",
        "chef",
        "chefin",
        "praesident",
        "praesidentin",
        "politiker",
        "politikerin",
        "direktor",
        "direktorin",
        "leiter",
        "leiterin",
        "kommandeur",
        "offizier",
        "general",
        "oberst",
        "beauftragte",
        "beauftragter",
        "wissenschaftler",
        "wissenschaftlerin",
        "journalist",
        "journalistin",
        "korrespondent",
        "korrespondentin",
        "berater",
        "beraterin",
        "sekretaer",
        "sekretaerin",
        "professor",
        "professorin",
        "president",
        "colonel",
        "lieutenant",
        "sergeant",
        "captain",
        "commander",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "governor",
        "secretary",
        "ambassador",
        "botschafter",
        "botschafterin",
    ];
    let l = w.to_ascii_lowercase();
    ENDINGS.iter().any(|e| l.ends_with(e)) || matches!(l.as_str(), "dr" | "dr." | "prof" | "prof.")
}

/// Who speaks in a transcript or interview: the labels that open a line ("OWEN HALLORAN:",
/// "REPORTER (BEN ASHWORTH) (VO):", "Halloran:"), as (byte offset of the line, name). A label is
/// in capitals or is a surname the document introduces; roles (host, anchor, reporter, Q, A)
/// name no one.
pub fn turns(text: &str, surname: &dyn Fn(&str) -> bool) -> Vec<(usize, String)> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let label = LABEL.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]+)?(?P<n>[A-Z][A-Za-z.'\-]*(?:[ ][A-Z][A-Za-z.'\-]*){0,3})(?:,[ ][A-Za-z ]{2,30})?(?:[ ]?\([^)\n]{1,40}\))*[ ]?:[ \t]")
            .expect("static regex")
    });
    const ROLES: &[&str] = &[
        "HOST",
        "ANCHOR",
        "REPORTER",
        "CORRESPONDENT",
        "MODERATOR",
        "MODERATORIN",
        "INTERVIEWER",
        "Q",
        "A",
        "F",
        "FRAGE",
        "ANTWORT",
        "SPRECHER",
        "SPRECHERIN",
        "VO",
        "SOT",
        "NOTE",
        "UPDATE",
        "SOURCE",
        "SOURCES",
        "QUELLE",
        "QUELLEN",
        "STAND",
        "SLUG",
        "CAPTION",
        "EDITOR",
        "EDITORS",
        "CORRECTION",
        "KORREKTUR",
        "HINWEIS",
        "ANMERKUNG",
        "TRANSCRIPT",
    ];
    let mut out = Vec::new();
    for c in label.captures_iter(text) {
        let (Some(all), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        let name = n.as_str().trim();
        let caps = name.chars().any(|c| c.is_ascii_uppercase())
            && !name.chars().any(|c| c.is_ascii_lowercase());
        let known = !name.contains(' ') && surname(name);
        if !(caps || known) || ROLES.contains(&name.to_ascii_uppercase().as_str()) {
            continue;
        }
        if caps && name.len() < 2 {
            continue;
        }
        // the turn starts where its line does (before a timestamp: "[00:31] HAN:")
        out.push((all.start(), name.to_string()));
    }
    out
}

/// The sentence speaks in the first person ("My own count …", "I'd expect …", "Ich rechne …"):
/// in an interview or transcript, the claim of whoever speaks.
pub fn first_person(s: &str) -> bool {
    static FP: OnceLock<Regex> = OnceLock::new();
    FP.get_or_init(|| {
        Regex::new(
            r"\b(?:I|I'm|I'd|I've|I'll|[Mm]y|[Ww]e|[Oo]ur|[Ii]ch|[Mm]ein\w*|[Ww]ir|[Uu]nser\w*)\b",
        )
        .expect("static regex")
    })
    .is_match(s)
        && !told_me(s)
}

/// "… told me", "… sagte mir": the speaker relays someone else.
fn told_me(s: &str) -> bool {
    static T: OnceLock<Regex> = OnceLock::new();
    T.get_or_init(|| {
        Regex::new(r"(?i)\b(?:told|tell|tells|informed|briefed|showed|sagte|sagten|erklärte|erklaerte|zeigte|teilte)\s+(?:me|us|mir|uns)\b")
            .expect("static regex")
    })
    .is_match(s)
}

/// Whether the document introduces `w` as a surname: somewhere it is the last of two
/// capitalised words that do not start with a sentence word ("Reinhard Kolb" … "sagte Kolb").
/// A plain substring search: no pass over the document unless a one-word name is in question.
pub fn is_surname(doc: &str, w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    doc.match_indices(w).any(|(at, _)| {
        let after_ok = !doc[at + w.len()..].starts_with(is_word);
        let before = &doc[..at];
        let trimmed = before.trim_end_matches([' ', '\t', '\n', '\r']);
        if !after_ok || trimmed.len() == before.len() {
            return false;
        }
        let prev_start = trimmed
            .rfind(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
            .map_or(0, |p| p + 1);
        let prev = &trimmed[prev_start..];
        prev.starts_with(|c: char| c.is_ascii_uppercase())
            && prev.bytes().any(|b| b.is_ascii_lowercase())
            && !LEADING.contains(&prev)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str, lang: &str, known: &[&str]) -> Vec<String> {
        // the grammar reads folded text
        speakers(&super::super::fold::fold(s), lang, &|w| known.contains(&w))
            .into_iter()
            .map(|x| x.2)
            .collect()
    }

    #[test]
    fn english_speakers() {
        assert_eq!(
            names("Tomas Rehak said the figure was 200.", "en", &[]),
            ["Tomas Rehak"]
        );
        assert_eq!(
            names("The video shows five people, Rehak said.", "en", &[]),
            ["Rehak"]
        );
        assert_eq!(
            names("Daria Lysenko of the Kyiv-based Missing Persons Project said this summer that several hundred were missing.", "en", &[]),
            ["Daria Lysenko"]
        );
        assert_eq!(
            names(
                "Varta, a Ukrainian special unit that runs its own channel, said 100 were killed.",
                "en",
                &[]
            ),
            ["Varta"]
        );
        assert_eq!(
            names(
                "\"Kursk Watch\", a channel with about 340,000 subscribers, claimed 200 dead.",
                "en",
                &[]
            ),
            ["Kursk Watch"]
        );
        assert_eq!(
            names("according to Helen Marsh, 11,000 were sent", "en", &[]),
            ["Helen Marsh"]
        );
        assert!(names("Officials said 3,000 were sent.", "en", &[]).is_empty());
        assert!(names("He said 3,000 were sent.", "en", &[]).is_empty());
        // a capitalised first word is not a name unless the document knows it as one
        assert!(names("Public estimates put the total at 12,000.", "en", &[]).is_empty());
        assert_eq!(
            names("Rehak estimates 2,000 dead.", "en", &["Rehak"]),
            ["Rehak"]
        );
        // after a verb of saying, the name ends the clause
        assert!(names("Varta said North Korean units lost 100 men.", "en", &[]).is_empty());
        assert_eq!(
            names("About 300 were killed, said Helen Marsh.", "en", &[]),
            ["Helen Marsh"]
        );
        // places and times are not speakers
        assert!(names("South Korea said 3,000 more were sent.", "en", &[]).is_empty());
        assert!(names(
            "Moscow denied it, and Seoul said 3,000 were sent.",
            "en",
            &[]
        )
        .is_empty());
    }

    #[test]
    fn german_speakers() {
        assert_eq!(
            names(
                "Staatsministerin Karin Albers erklärte, es seien 10.000.",
                "de",
                &[]
            ),
            ["Karin Albers"]
        );
        assert_eq!(
            names(
                "Das Leipziger Korea-Zentrum beziffert die Zahl auf 1.000.",
                "de",
                &[]
            ),
            ["Leipziger Korea-Zentrum"]
        );
        assert_eq!(
            names("Bis Juni, glaubt Kolb, könnten 5.000 folgen.", "de", &[]),
            ["Kolb"]
        );
        assert_eq!(
            names("Kolb sprach über 11.000 Soldaten.", "de", &["Kolb"]),
            ["Kolb"]
        );
        // a German noun is not a name
        assert!(names("Die Regierung erklärte, 3.000 seien entsandt.", "de", &[]).is_empty());
        assert!(names("Kolb sprach über 11.000 Soldaten.", "de", &[]).is_empty());
        // a noun after its article, or after a place that owns it, is no name
        assert!(names(
            "Insgesamt seien es 12.000, erklärte der Geheimdienst.",
            "de",
            &["Geheimdienst"]
        )
        .is_empty());
        assert!(names(
            "Südkoreas Geheimdienst schätzt die Zahl auf 3.000.",
            "de",
            &[]
        )
        .is_empty());
        assert!(names("Mitte Januar berichtete er von 300 Toten.", "de", &[]).is_empty());
        // "rechnet sich" is not a verb of saying
        assert!(names("Für Kim Jong Un rechnet sich der Einsatz.", "de", &[]).is_empty());
        // quoted names survive typographic quotes
        assert_eq!(
            names(
                "Die Initiative „Spur“ schätzt, dass 200 vermisst werden.",
                "de",
                &[]
            ),
            ["Spur"]
        );
    }

    #[test]
    fn transcript_turns() {
        let doc = "PRIYA RAMAN: Welcome back.\n\nOWEN HALLORAN: Not one.\nHOST: Next.\nREPORTER (BEN ASHWORTH) (VO): Seized.\nKilled (NIS): ~600\nHalloran: Yes.\n";
        let t = turns(doc, &|w| w == "Halloran");
        let names: Vec<&str> = t.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(names, ["PRIYA RAMAN", "OWEN HALLORAN", "Halloran"]);
        assert_eq!(&doc[t[1].0..t[1].0 + 5], "OWEN ");
        // a first-person sentence in a turn is the speaker's own claim
        assert!(first_person("My own count puts the dead at 2,000."));
        assert!(first_person("Ich rechne mit weiteren 3.000."));
        assert!(!first_person(
            "Ukraine's intelligence told me that dozens are missing."
        ));
    }

    #[test]
    fn surnames_of_a_document() {
        let doc = "Der Saal war voll, als Reinhard Kolb ans Pult trat. Die Zahl stieg. Kolbe kam.";
        assert!(is_surname(doc, "Kolb"));
        assert!(!is_surname(doc, "Zahl"));
        assert!(!is_surname(doc, "Saal"));
        assert!(!is_surname(doc, "Kol"));
    }
}
