"""CLI reference (Markdown) generated from the commands' own help texts.

``python -m ksr_reports.cli.reference > docs/cli.md``; a test keeps the committed file current.
"""
from __future__ import annotations

import click

from . import main


def render() -> str:
    """Help of the ``ksr`` group and of every command, as Markdown."""
    lines = ["# Polecenia programu `ksr`", "",
             "Plik wygenerowany z pomocy poleceń (`python -m ksr_reports.cli.reference > docs/cli.md`); "
             "nie edytuj go ręcznie.", ""]
    settings = {**main.context_settings, "terminal_width": 100, "max_content_width": 100}
    ctx = click.Context(main, info_name="ksr", **settings)
    lines += ["```text", main.get_help(ctx).rstrip(), "```", ""]
    for name in sorted(main.commands):
        cmd = main.commands[name]
        sub = click.Context(cmd, info_name=name, parent=ctx, **settings)
        lines += [f"## ksr {name}", "", "```text", cmd.get_help(sub).rstrip(), "```", ""]
        for sub_name in sorted(getattr(cmd, "commands", {})):     # a command group: each of its commands
            leaf = cmd.commands[sub_name]
            leaf_ctx = click.Context(leaf, info_name=sub_name, parent=sub, **settings)
            lines += [f"### ksr {name} {sub_name}", "", "```text", leaf.get_help(leaf_ctx).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
