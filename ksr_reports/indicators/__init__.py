"""Indicators (DESIGN §6): additive sufficient statistics per LSR, and ratios derived from sums.

``lsr_stats(data)`` turns one valid LSR workbook (typed ``LsrData``) into a flat dict of
sums and counts; ``add_stats`` sums such dicts (the only aggregation there is, so every
route LSR → RSR → KSR gives the same totals); ``derive`` computes ratios from a stats dict,
never by averaging ratios of units.
"""
from .stats import STAT_KEYS, add_stats, lsr_stats, empty_stats
from .derive import derive, DERIVED

__all__ = ["STAT_KEYS", "add_stats", "lsr_stats", "empty_stats", "derive", "DERIVED"]
