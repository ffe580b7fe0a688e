from services.contradictions.negation import flipped_words, predicate_words


def test_a_negated_predicate_flips() -> None:
    assert flipped_words("The outbreak has been contained.", "The outbreak is not contained.") == {"contain"}
    assert flipped_words("Iran shipped drones.", "Iran didn't ship any drones.") == {"ship", "drone"}


def test_agreeing_claims_do_not_flip() -> None:
    assert flipped_words("The outbreak is not contained.", "The outbreak has never been contained.") == set()
    assert flipped_words("The outbreak has been contained.", "Cases are falling.") == set()


def test_negation_scope_ends_at_the_clause() -> None:
    asserted, negated = predicate_words("Cases are not falling, and the outbreak spreads")
    assert "fall" in negated
    assert {"outbreak", "spread"} <= asserted
