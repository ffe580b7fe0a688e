from services.contradictions.polarity import evaluation, polarity


def test_domain_praise_is_positive_and_a_cue() -> None:
    judged = evaluation("The delegations held long and productive meetings.")
    assert judged.polarity > 0.25
    assert judged.cues == ("productive",)


def test_domain_condemnation_is_negative() -> None:
    for text in ("The attitude was regrettable.", "The outcome was worrisome.",
                 "Their stance was gangster-like and hostile.", "The plan has cancerous flaws."):
        assert evaluation(text).polarity < -0.25, text
        assert evaluation(text).evaluative, text


def test_negation_flips_praise() -> None:
    assert polarity("The talks were not productive.") < 0


def test_not_in_the_spirit_of_is_negative() -> None:
    assert polarity("It was not in the spirit of the summit.") < 0


def test_good_faith_phrase_is_a_cue() -> None:
    assert "good faith" in evaluation("These were productive, good faith negotiations.").cues


def test_plain_reporting_is_not_evaluative() -> None:
    assert not evaluation("The delegation arrived in Tokyo on Saturday.").evaluative


def test_naming_the_subject_is_not_praising_it() -> None:
    assert evaluation('the same agreement "deeply disappointing"').polarity < -0.25
