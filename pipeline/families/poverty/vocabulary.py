"""What the columns of poverty tables mean, and the rates they obey."""

from pipeline.tables.vocabulary import meaning, ratio

FAMILY = "poverty"

meaning("households", r"\b(?:tong )?so ho\b(?! (?:can )?ngheo)", r"^\s*ho dan(?: cu)?\b", r"\btong so ho\b",
        additive=True, family=FAMILY, figure="households")
meaning("poor_households", r"(?<!can )\bho ngheo\b", r"^\s*ngheo\s*$", additive=True, family=FAMILY,
        figure="poor_households")
meaning("near_poor_households", r"\bho can ngheo\b", r"^\s*can ngheo\s*$", additive=True, family=FAMILY,
        figure="near_poor_households")
meaning("poor_rate_percent", r"\bty le (?:ho )?ngheo\b", percent=True, family=FAMILY, figure="poverty_rate")
meaning("near_poor_rate_percent", r"\bty le (?:ho )?can ngheo\b", percent=True, family=FAMILY,
        figure="near_poverty_rate")

ratio("poor_rate_percent", "poor_households", "households", family=FAMILY)
ratio("near_poor_rate_percent", "near_poor_households", "households", family=FAMILY)
