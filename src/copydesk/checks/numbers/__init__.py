"""The unattributed-number check, as a plugin: figures a draft states with no source.

Modules: ``figures`` (recognise numbers and their kind), ``nonfigures`` (dates, names,
labels and furniture in context), ``attribution`` (who says it), ``check`` (the Check),
``rule`` (rule metadata and docs). Their data is ``rules/numbers.yaml`` and
``rules/attribution.yaml``.
"""

from copydesk.hookspecs import hookimpl


@hookimpl
def copydesk_register_checks(register, packs):
    from copydesk.checks.numbers.check import UnattributedNumberCheck

    register(UnattributedNumberCheck())
