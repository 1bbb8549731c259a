"""Figure extraction with provenance: ``run(doc, ctx) -> doc`` sets ``doc.figures`` and ``doc.identity``.

Generic figures have a module each here (identity, references, periods, awards, money, coverage/clubs/
materials); tables are read by ``pipeline.tables``; the figures of a report family (blood donation, poverty
reduction ...) by its folder under ``pipeline/families``, for the documents ``families.classify`` assigns to it.
All match on the OCR-tolerant match form of ``Line.best`` and report spans in both raw and restored text
(see ``spans.View``).
"""

from __future__ import annotations

from pipeline import families, tables
from pipeline.context import Context
from pipeline.extract import (awards, breakdowns, changes, column_words, coverage, identity, money, named_totals,
                              periods, plan_rates, points, quotes, references, shares)
from pipeline.extract.spans import Figures, View
from pipeline.model import Document

__all__ = ["run"]


def run(doc: Document, ctx: Context | None = None) -> Document:
    """Identity, tables, families and figures of a document (each replaced by a fresh reading)."""
    view = View(doc)
    figs = Figures(view)
    doc.identity = identity.extract(view, figs)
    view.annotate(doc.identity.report_year, doc_is_plan=doc.identity.type_code == "KH",
                  level=identity.issuer_level(view), date_year=identity.date_year(doc.identity))
    doc.families = families.classify(doc)  # from the title and the text; the tables' headers then confirm it
    doc.tables = tables.read_tables(doc)
    doc.families = families.classify(doc)
    references.extract(view, figs)
    quotes.extract(view, figs)
    periods.extract_periods(view, figs)
    periods.extract_later_dates(view, figs)
    periods.extract_counted_dates(view, figs)
    award_tables = awards.award_tables(view, doc)
    awards.extract(view, figs, award_tables)
    awards.combined_totals(view, figs)
    awards.bracketed_parts(view, figs)
    awards.table_awards(view, figs, award_tables)
    awards.row_awards(view, figs, doc)
    awards.listed_levels(view, figs)
    awards.breakdowns(view, figs)
    awards.summaries(view, figs)
    awards.lists(view, figs)
    awards.numbered_lists(view, figs)
    money.extract(view, figs)
    quotes.quoted_amounts(view, figs)
    coverage.extract(view, figs)
    coverage.named_units(view, figs)
    coverage.units_in_table(view, figs)
    coverage.named_items(view, figs)
    coverage.named_places(view, figs)
    coverage.listed_things(view, figs)
    points.extract(view, figs)
    for name in doc.families:
        family = families.FAMILIES[name]
        if family.extract is not None:
            family.extract(view, figs, doc)
    breakdowns.extract(view, figs)  # after the families: a whole one of them read is theirs
    changes.extract(view, figs)  # after the families: a change of their own figures is theirs
    plan_rates.extract(view, figs)  # after the families: a quota of their own is theirs
    shares.extract(view, figs)  # after the families: a share of their own figures is theirs
    shares.fractions(view, figs)
    shares.counted_pairs(view, figs)
    shares.rates_of_named_wholes(view, figs)
    shares.list_shares(view, figs)
    quotes.quoted_figures(view, figs)  # after the families: their figures a sentence quotes
    column_words.extract(view, figs)
    named_totals.extract(view, figs)
    column_words.captioned_totals(view, figs)
    column_words.introduced_totals(view, figs)
    column_words.met_lists(view, figs)
    column_words.items_left(view, figs)
    doc.figures = figs.items
    if ctx is not None:
        ctx.log(f"{doc.doc_id}: {len(doc.figures)} figure(s), {len(doc.tables)} table(s), families {doc.families}")
    return doc
