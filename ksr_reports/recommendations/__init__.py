"""Explainable recommendation rules grounded in the KSR model (DESIGN §7).

Rules live in ``rules.py`` (one module), thresholds in ``thresholds.toml`` (one documented,
overridable file), evaluation in ``evaluate.py``, the Markdown catalogue in ``catalogue.py``.
"""
from .config import DEFAULT_THRESHOLDS_FILE, load_thresholds
from .evaluate import (REFORM_LEVELS, Recommendation, ReformRecommendation, criteria_met, criteria_met_all,
                       flagged_units, for_lsr, for_units, reform, reform_condition)
from .rules import RULES, RULES_BY_ID, Rule

__all__ = ["DEFAULT_THRESHOLDS_FILE", "load_thresholds", "REFORM_LEVELS", "Recommendation", "ReformRecommendation",
           "criteria_met", "criteria_met_all", "flagged_units", "for_lsr", "for_units", "reform", "reform_condition",
           "RULES", "RULES_BY_ID", "Rule"]
