"""The subcommands of `chitieu`; adding one means a module with `register(sub)` and a line here."""

from service.commands import analyze, annotate, batch, evaluate, train

COMMANDS = [analyze, evaluate, annotate, batch, train]
