"""Time per KB on the stress set: the whole analyze core against bare spaCy; printed, never asserted.

    .venv/bin/python -m bench.stress

For each generated article (bench/stress_articles.py, the largest at the size limit): bare
`nlp(text)`, then what `counterclaim analyze` runs per article (the same parse, quote
extraction, entities, within-article and story claims), in CPU seconds, per KB and as a
ratio. The aim: analyze within 2 x bare spaCy on every article of the set.
"""

from __future__ import annotations

import time

from bench.stress_articles import stress_set
from schemas.articles import Article
from services.common.intake import MAX_TEXT_CHARS
from services.common.nlp import FULL_PARSE, load_nlp
from services.contradictions.pipeline import within_article
from services.entities.extract import extract_entities
from services.quotes.extract import extract_quotes


def main() -> None:
    nlp = load_nlp(FULL_PARSE)
    print(f"{'article':<22} {'KB':>6} {'spaCy s':>8} {'analyze s':>10} {'ms/KB':>7} {'ratio':>6}")
    for name, text in stress_set(MAX_TEXT_CHARS - 1000):
        started = time.process_time()
        doc = nlp(text)
        parsed = time.process_time()
        article = Article(id=f"stress-{name}", text=text)
        quotes = extract_quotes(doc, article_id=article.id)
        extract_entities(doc, article_id=article.id)
        within_article(article, quotes, doc)
        done = time.process_time()
        size = len(text.encode()) / 1024
        bare, whole = parsed - started, done - started
        print(f"{name:<22} {size:6.0f} {bare:8.2f} {whole:10.2f} {1000 * whole / size:7.1f} {whole / bare:6.2f}",
              flush=True)


if __name__ == "__main__":
    main()
