"""``python -m ksr_reports.validation > docs/validation.md``: print the error catalogue as Markdown."""
from .catalogue import markdown

print(markdown())
