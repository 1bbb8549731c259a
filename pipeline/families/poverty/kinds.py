"""Poverty reduction figures (giảm nghèo): households, poor and near-poor households, their rates, the year's flows."""

from pipeline.kinds import NUMBER, kind

FAMILY = "poverty"
_AT = ("year", "plan", "table", "row", "column", "total_row", "row_label", "place_code", "part_of", "about",
       "cites")  # (cites: the document a sentence quotes the figure from, "Theo Báo cáo số ...")

kind("households", "households counted (hộ dân cư)", attrs=_AT, family=FAMILY, words=("households", "số hộ"))
kind("poor_households", "poor households (hộ nghèo)", attrs=_AT, family=FAMILY, words=("poor households", "hộ nghèo"))
kind("near_poor_households", "near-poor households (hộ cận nghèo)", attrs=_AT, family=FAMILY,
     words=("near-poor households", "hộ cận nghèo"))
kind("poverty_rate", "share of poor households, percent (tỷ lệ hộ nghèo)", value=NUMBER, attrs=_AT, family=FAMILY,
     words=("poverty rate", "tỷ lệ hộ nghèo"), percent=True)
kind("near_poverty_rate", "share of near-poor households, percent", value=NUMBER, attrs=_AT, family=FAMILY,
     words=("near-poverty rate", "tỷ lệ hộ cận nghèo"), percent=True)
kind("poverty_rate_change", "change of the poverty rate in percentage points (giảm 2,64%)", value=NUMBER,
     attrs=("year", "about"), family=FAMILY, words=("poverty rate change", "mức giảm tỷ lệ hộ nghèo"))
kind("poor_households_fall", "by how much the poor households fell in the year (giảm 64 hộ)", attrs=("year", "about"),
     family=FAMILY, words=("fall of poor households", "số hộ nghèo giảm"))
kind("households_escaped", "households that left poverty in the year (thoát nghèo)", attrs=("year", "part_of", "about"),
     family=FAMILY,
     words=("households out of poverty", "hộ thoát nghèo"))
kind("households_fell_back", "households that fell back into poverty (tái nghèo)", attrs=("year", "part_of", "about"),
     family=FAMILY,
     words=("households back in poverty", "hộ tái nghèo"))
kind("households_new_poor", "households newly poor (nghèo phát sinh)", attrs=("year", "part_of", "about"), family=FAMILY,
     words=("newly poor households", "hộ nghèo phát sinh"))
