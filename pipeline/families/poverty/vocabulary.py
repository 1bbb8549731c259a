"""What the columns of poverty tables mean, and the rates they obey."""

from pipeline.tables.vocabulary import column_sum, meaning, ratio

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

# a balance over the year: poor at its end (the plain "hộ nghèo" column) = at its start + fell back + newly poor - left
meaning("poor_start", r"\b(?:ho ngheo )?(?:dau (?:nam|ky)|cuoi nam truoc)\b", additive=True, family=FAMILY)
meaning("escaped_households", r"\b(?:so ho )?thoat ngheo\b", additive=True, family=FAMILY)
meaning("fell_back_households", r"\b(?:so ho )?tai ngheo\b", additive=True, family=FAMILY)
meaning("new_poor_households", r"\b(?:ho )?(?:ngheo )?phat sinh(?: moi)?\b", additive=True, family=FAMILY)
column_sum("poor_households", ("poor_start", "fell_back_households", "new_poor_households"), family=FAMILY,
           minus=("escaped_households",))
# a table that has a column for one of the two ways in (the other is then counted in it, or none)
column_sum("poor_households", ("poor_start", "new_poor_households"), family=FAMILY, minus=("escaped_households",))
column_sum("poor_households", ("poor_start", "fell_back_households"), family=FAMILY, minus=("escaped_households",))

ratio("poor_rate_percent", "poor_households", "households", family=FAMILY)
ratio("near_poor_rate_percent", "near_poor_households", "households", family=FAMILY)
