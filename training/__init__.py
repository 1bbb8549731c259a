"""Building the models and data the runtime ships: language model, OCR channel, neural scorer, gazetteer.

Nothing here is imported by ``pipeline`` at run time. Run from a checkout (``../shared`` beside it, or
``VNREPORTS_SHARED``): ``python -m training.lm lm``, ``python -m training.lm channel``,
``python -m training.neural``, ``python -m training.gazetteer``.
"""
