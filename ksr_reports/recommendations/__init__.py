"""Explainable recommendation rules grounded in the KSR model (DESIGN §7).

Rules live in ``rules_network.py``, ``rules_kis.py`` and ``rules_results.py`` (assembled, with the map of
seed recommendations, in ``rules.py``), thresholds in ``thresholds.toml`` (one documented, overridable
file), evaluation in ``evaluate.py``, the Markdown catalogue in ``catalogue.py``.
"""
from .config import DEFAULT_THRESHOLDS_FILE, load_thresholds
from .evaluate import (REFORM_LEVELS, Recommendation, ReformRecommendation, criteria_met, criteria_met_all,
                       flagged_units, for_lsr, for_units, reform, reform_condition, reform_headline,
                       reform_intro)
from .rules import RULES, RULES_BY_ID, Rule

__all__ = ["DEFAULT_THRESHOLDS_FILE", "load_thresholds", "REFORM_LEVELS", "Recommendation", "ReformRecommendation",
           "criteria_met", "criteria_met_all", "flagged_units", "for_lsr", "for_units", "reform", "reform_condition",
           "reform_headline", "reform_intro",
           "RULES", "RULES_BY_ID", "Rule"]
