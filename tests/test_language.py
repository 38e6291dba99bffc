"""Language identification, sentences and tokens with their offsets."""

from __future__ import annotations

import pytest

from eventwire import Pipeline
from eventwire.doc import Doc
from eventwire.lexicon import languages
from eventwire.readers import ReadOptions, read_inputs
from eventwire.records import InputError, PartialDate, Report
from eventwire.stages.language import detect_language, fast_guess, identify
from eventwire.stages.sentences import sentence_spans, split_sentences, tokens

from .conftest import SAMPLES

# Written by us: one short news paragraph in each of several languages we do not code.
FOREIGN = {
    "es": "Las fuerzas rusas atacaron la ciudad de Járkov durante la noche y al menos siete civiles murieron, "
    "según las autoridades locales. El alcalde dijo que también hubo daños en varias escuelas.",
    "it": "Le forze russe hanno attaccato la città di Kharkiv durante la notte e almeno sette civili sono morti, "
    "secondo le autorità locali. Il sindaco ha detto che ci sono stati danni anche in alcune scuole.",
    "pt": "As forças russas atacaram a cidade de Kharkiv durante a noite e pelo menos sete civis morreram, "
    "segundo as autoridades locais. O prefeito disse que também houve danos em várias escolas.",
    "cs": "Ruské síly v noci ostřelovaly Charkov a zahynulo nejméně sedm civilistů, uvedly místní úřady. "
    "Starosta řekl, že poškozeny byly také některé školy.",
    "ro": "Forțele ruse au atacat orașul Harkov în timpul nopții și cel puțin șapte civili au murit, potrivit "
    "autorităților locale. Primarul a spus că au fost avariate și mai multe școli.",
}


def _samples():
    return [r for r in read_inputs([str(p) for p in sorted(SAMPLES.glob("*.txt"))], ReadOptions())]


def test_every_sample_is_identified_without_a_hint():
    reports = _samples()
    assert len(reports) >= 12
    for report in reports:
        assert identify(report.text) == report.id.rsplit("/", 1)[-1][:2], report.id


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_report_in_a_language_we_do_not_code_is_named_and_skipped(code):
    assert code not in languages(), f"{code} has a lexicon: move its sample to the coded languages' tests"
    assert fast_guess(FOREIGN[code]) is None  # never taken for French, Dutch or English at a glance
    result = Pipeline().code(Report(f"r-{code}", FOREIGN[code], PartialDate(2022, 11, 12)))
    assert isinstance(result, InputError)
    assert result.reason == f"unsupported language: {code}"


def test_the_hint_is_used_when_present():
    text = "Bij een raketaanval op Mykolajiv zijn vrijdag zeven mensen gedood."
    assert detect_language(Doc(Report("r", text, language="en"))).language == "en"
    assert detect_language(Doc(Report("r", text))).language == "nl"
    with pytest.raises(Exception, match="unsupported language: es"):
        detect_language(Doc(Report("r", text, language="es")))


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("nl", "Volgens dhr. Jansen was het rustig. Daarna niet meer.", 2),
        ("nl", "Hij liet z'n wapen achter. Hij vluchtte.", 2),
        ("uk", "Вибух стався на вул. Шевченка біля парку ім. Франка. Загинули двоє.", 2),
        ("ru", "Это случилось в 2022 г. в Херсоне. Погибли двое.", 2),
        ("de", "Das Haus Nr. 5 wurde am 3. Oktober getroffen. Zwei Menschen starben.", 2),
        ("en", "He was seen near St. Mary's church. J. Smith said so. Two died.", 3),
        ("fr", "Le gén. Dupont a parlé à M. Martin. Deux personnes sont mortes.", 2),
    ],
)
def test_abbreviations_do_not_end_sentences(language, text, expected):
    spans = sentence_spans(text, language)
    assert len(spans) == expected
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_sentences_keep_offsets_and_closing_quotes():
    text = 'Hij zei: "We blijven." Daarna vertrok hij.\n\nNieuwe alinea'
    doc = split_sentences(detect_language(Doc(Report("r", text, language="nl"))))
    assert [s.text for s in doc.sentences] == ['Hij zei: "We blijven."', "Daarna vertrok hij.", "Nieuwe alinea"]
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)
    assert doc.sentences[0].clauses == ((0, 7), (9, 22))


@pytest.mark.parametrize(
    ("language", "text", "token"),
    [
        ("nl", "Hij liet z'n wapen achter.", "z'n"),
        ("nl", "Volgens dhr. Jansen", "dhr."),
        ("uk", "парк ім. Франка", "ім."),
        ("ru", "в 2022 г. в Херсоне", "г."),
        ("de", "Haus Nr. 5", "Nr."),
        ("en", "near St. Mary's", "St."),
        ("nl", "meer dan 30.000 soldaten", "30.000"),
        ("ru", "1,5 миллиона", "1,5"),
        ("uk", "двадцять п'ять", "п'ять"),
    ],
)
def test_tokens_keep_abbreviations_and_numbers_whole(language, text, token):
    found = tokens(text, language, offset=100)
    assert token in [t.text for t in found]
    assert all(text[t.start - 100 : t.end - 100] == t.text for t in found)


def test_a_sentence_quoting_another_language_gets_that_language():
    text = "The mayor said: «Вчора ввечері росіяни обстріляли місто, загинули семеро людей.» Two were wounded."
    doc = split_sentences(detect_language(Doc(Report("r", text, PartialDate(2022, 11, 12), "en"))))
    assert [s.language for s in doc.sentences] == ["uk", ""]
    same = "The mayor said: “We will rebuild every house that was destroyed.” Two were wounded."
    doc = split_sentences(detect_language(Doc(Report("r", same, PartialDate(2022, 11, 12), "en"))))
    assert [s.language for s in doc.sentences] == ["", ""]


def test_a_polish_report_is_identified_and_coded():
    text = (
        "Rosyjskie wojska ostrzelały w nocy Charków, zginęło co najmniej siedmiu cywilów, jak poinformowały "
        "lokalne władze. Mer miasta powiedział, że uszkodzone zostały także szkoły."
    )
    assert identify(text) == "pl"
    result = Pipeline().code(Report("r-pl", text, PartialDate(2022, 11, 12)))
    assert not isinstance(result, InputError)
    assert result.language == "pl"
