from services.contradictions.detect import find_contradictions
from services.contradictions.rebuttals import rebuttal_subject
from services.contradictions.reporters import reported_speaker
from tests.unit.contradictions.builders import article, quote


def test_reported_speaker_names_and_sides() -> None:
    assert reported_speaker("South Korean media reports") is not None
    korean = reported_speaker("South Korean media reports")
    assert korean is not None and (korean.name, korean.affiliation) == ("South Korean media", "South Korea")
    israeli = reported_speaker("Israeli reports")
    assert israeli is not None and (israeli.name, israeli.affiliation) == ("Israeli media", "Israel")
    assert reported_speaker("a news report") is None


def test_rebuttal_subject_prefers_the_negated_object() -> None:
    assert rebuttal_subject("he did not leave Kim a CD", "", "") == "CD"
    assert rebuttal_subject("has denied", "reports that it paid a ransom", "") == "ransom"
    assert rebuttal_subject("has denied", "reports", "The talks went on.") == "talks"


def test_a_denied_newspaper_report_pairs_what_it_said_with_the_denial() -> None:
    doc = article("A ministry spokeswoman, Lena Ortiz, denied the newspaper's report that the minister had resigned.")
    denial = quote(doc, "the newspaper's report that the minister had resigned", "Lena Ortiz", cue="denied")
    (event,) = find_contradictions(doc, [denial])
    reported, denier = event.claims
    assert event.kind == "rebuttal"
    assert reported.text == "the minister had resigned" and reported.speaker is None
    assert denier.speaker is not None and denier.speaker.name == "Lena Ortiz"
    assert "newspaper's" not in {c.speaker.name for c in event.claims if c.speaker}
    assert event.explanation == 'Lena Ortiz denies what was reported: "the minister had resigned"'


def test_a_named_outlet_is_the_speaker_of_the_report_it_published() -> None:
    doc = article("Lena Ortiz, a ministry spokeswoman, denied a Daily Herald report that the minister had resigned.")
    denial = quote(doc, "a Daily Herald report that the minister had resigned", "Lena Ortiz", cue="denied")
    (event,) = find_contradictions(doc, [denial])
    assert event.claims[0].speaker is not None and event.claims[0].speaker.name == "Daily Herald"


def test_a_verdict_before_the_report_is_not_part_of_who_reported_it() -> None:
    doc = article("Dr. Joseph Banda dismissed as false the Health Ministry's claim that the outbreak had been "
                  "contained.")
    dismissal = quote(doc, "as false the Health Ministry's claim that the outbreak had been contained",
                      "Joseph Banda", cue="dismissed")
    (event,) = find_contradictions(doc, [dismissal])
    reported, denial = event.claims
    assert reported.text == "the outbreak had been contained"
    assert denial.speaker is not None and denial.speaker.name == "Joseph Banda"
    assert reported.speaker is not None and reported.speaker.name == "Health Ministry"
    assert "as false" not in event.explanation


def test_a_denial_of_unsourced_reports_pairs_what_they_said_with_the_denier() -> None:
    (event,) = find_contradictions(article("Scotland Yard denied reports that Banksy had been arrested in London."), [])
    reported, denial = event.claims
    assert reported.text.startswith("Banksy had been arrested") and reported.speaker is None
    assert denial.speaker is not None and denial.speaker.name == "Scotland Yard"
    assert event.explanation == 'Scotland Yard denies what was reported: "Banksy had been arrested in London"'


def test_contrary_reports_take_what_the_reports_said_elsewhere_in_the_article() -> None:
    doc = article("Contrary to Brazilian media reports, spokesman Tomas Herrera said the government did not "
                  "cancel the frigate's visit. Several Brazilian newspapers reported on Friday that the visit "
                  "had been cancelled after a dispute over fishing rights.")
    denial = quote(doc, "the government did not cancel the frigate's visit", "Tomas Herrera", "Argentina", cue="said")
    report = quote(doc, "that the visit had been cancelled after a dispute over fishing rights",
                   "Several Brazilian newspapers", "Brazil", cue="reported")
    (event,) = find_contradictions(doc, [denial, report])
    reported, denier = event.claims
    assert reported.text == "the visit had been cancelled after a dispute over fishing rights"
    assert reported.speaker is not None and reported.speaker.name == "Brazilian media"
    assert denier.speaker is not None and denier.speaker.name == "Tomas Herrera"
    assert 'reported about the frigate: "the visit had been cancelled' in event.explanation


def test_contrary_reports_keep_their_own_words_when_nobody_on_their_side_reported_elsewhere() -> None:
    doc = article("Contrary to Brazilian media reports, spokesman Tomas Herrera said the government did not "
                  "cancel the frigate's visit. Chilean newspapers reported that the visit had been cancelled.")
    denial = quote(doc, "the government did not cancel the frigate's visit", "Tomas Herrera", "Argentina", cue="said")
    report = quote(doc, "that the visit had been cancelled", "Chilean newspapers", "Chile", cue="reported")
    (event,) = find_contradictions(doc, [denial, report])
    assert event.claims[0].text == "Brazilian media reports"


def test_a_denial_pointing_back_takes_the_report_of_the_sentence_before() -> None:
    doc = article("The Daily Post reported on Monday that the government will close six rural hospitals. "
                  "Health ministry spokeswoman Anna Berg denied the report, saying no hospital will close.")
    report = quote(doc, "that the government will close six rural hospitals", "The Daily Post", cue="reported")
    denial = quote(doc, "the report", "Anna Berg", cue="denied")
    own = quote(doc, "no hospital will close", "Anna Berg", cue="saying")
    (event,) = find_contradictions(doc, [report, denial, own])
    reported, denier = event.claims
    assert event.kind == "rebuttal"
    assert reported.text == "the government will close six rural hospitals"
    assert reported.speaker is not None and reported.speaker.name == "The Daily Post"
    assert denier.text == "denied the report" and denier.speaker is not None and denier.speaker.name == "Anna Berg"
    assert event.explanation == ('Anna Berg denies what The Daily Post reported: '
                                 '"the government will close six rural hospitals"')


def test_a_denial_pointing_back_skips_the_deniers_own_words() -> None:
    doc = article("The Post reported that the plant will close, and Anna Berg said the budget was fair. "
                  "Anna Berg later denied the report.")
    report = quote(doc, "that the plant will close", "The Post", cue="reported")
    own = quote(doc, "the budget was fair", "Anna Berg", cue="said")
    denial = quote(doc, "the report", "Anna Berg", cue="denied")
    (event,) = find_contradictions(doc, [report, own, denial])
    assert event.claims[0].text == "the plant will close"


def test_a_denial_pointing_back_to_nothing_quoted_is_not_reported() -> None:
    doc = article("Shares of the retailer rose sharply on Friday. The company denied the reports.")
    denial = quote(doc, "the reports", "The company", cue="denied")
    assert find_contradictions(doc, [denial]) == []


def test_neither_confirming_nor_denying_is_no_rebuttal() -> None:
    doc = article("The New York Post reported that the retailer will launch a streaming service. "
                  "A spokeswoman, Jane Holt, neither confirmed nor denied the rumor.")
    report = quote(doc, "that the retailer will launch a streaming service", "The New York Post", cue="reported")
    denial = quote(doc, "the rumor", "Jane Holt", cue="denied")
    assert find_contradictions(doc, [report, denial]) == []
    denied = article(doc.text.replace("neither confirmed nor denied", "denied"))
    report = quote(denied, "that the retailer will launch a streaming service", "The New York Post", cue="reported")
    (event,) = find_contradictions(denied, [report, quote(denied, "the rumor", "Jane Holt", cue="denied")])
    assert event.claims[0].text == "the retailer will launch a streaming service"


def test_a_verdict_after_a_pointing_back_report_is_the_deniers_not_what_was_reported() -> None:
    doc = article("Clinton suggested that Sanders was being hypocritical about Wall Street money. "
                  "Jeff Weaver dismissed that suggestion as a sign of a campaign in disarray.")
    suggestion = quote(doc, "that Sanders was being hypocritical about Wall Street money", "Hillary Clinton",
                       cue="suggested")
    dismissal = quote(doc, "that suggestion as a sign of a campaign in disarray", "Jeff Weaver", cue="dismissed")
    (event,) = find_contradictions(doc, [suggestion, dismissal])
    reported, denial = event.claims
    assert reported.text == "Sanders was being hypocritical about Wall Street money"
    assert denial.text == "dismissed that suggestion as a sign of a campaign in disarray"


def test_a_time_after_a_pointing_back_report_is_not_what_was_reported() -> None:
    doc = article("The Daily Post reported that the government will close six rural hospitals. "
                  "Anna Berg denied the report on Tuesday.")
    report = quote(doc, "that the government will close six rural hospitals", "The Daily Post", cue="reported")
    (event,) = find_contradictions(doc, [report, quote(doc, "the report on Tuesday", "Anna Berg", cue="denied")])
    assert event.claims[0].text == "the government will close six rural hospitals"
    assert event.claims[1].text == "denied the report on Tuesday"
