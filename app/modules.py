"""The modules of Kehu, in the order the navigation shows them.

Adding a module: its packages ``app/logic/<name>/``, ``app/data/<name>/``, ``app/ui/<name>/``
(each layer's package is optional) and one line here. docs/architecture.md has the steps.
"""

MODULES = (
    "customers",
    "contacts",
    "admin",
    "audit",
)
