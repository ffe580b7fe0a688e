"""The workers' model multiplies matrices with numpy's BLAS on one thread, not BLIS."""

from __future__ import annotations

import spacy
from spacy.pipeline import EntityRecognizer
from thinc.api import NumpyOps, get_current_ops
from threadpoolctl import threadpool_info

from services.common.nlp import MODEL_PACKAGE, load_nlp


def test_the_models_layers_use_numpy_blas() -> None:
    nlp = load_nlp()
    models = [(name, getattr(component, "model", None)) for name, component in nlp.pipeline]
    on_blis = {(name, node.name) for name, model in models if model is not None
               for node in model.walk() if getattr(node.ops, "use_blis", False)}
    # spaCy builds the transition models' output layer under its own `use_ops("cpu")` and runs
    # it from its C loop; everything else (the CNNs, the state features) is ours to choose.
    assert on_blis == {("parser", "linear"), ("ner", "linear")}


def test_blas_runs_on_one_thread_after_loading() -> None:
    load_nlp()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS was not found"
    assert all(pool["num_threads"] == 1 for pool in blas)


def test_loading_leaves_the_default_ops_and_stock_models_alone() -> None:
    load_nlp()
    current = get_current_ops()
    assert isinstance(current, NumpyOps) and current.use_blis
    stock = spacy.load(MODEL_PACKAGE)
    ner = stock.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer) and ner.model.ops.use_blis
