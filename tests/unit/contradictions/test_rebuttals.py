from services.contradictions.rebuttals import rebuttal_subject, reported_speaker


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
