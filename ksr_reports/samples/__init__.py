"""``ksr samples``: realistic, internally consistent filled LSR workbooks (deterministic per seed)."""
from .generate import PROFILES, SampleLsr, generate_lsr, write_samples

__all__ = ["PROFILES", "SampleLsr", "generate_lsr", "write_samples"]
