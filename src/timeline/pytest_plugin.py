"""A pytest plugin for the project's own tests, loaded before any other (``-p timeline.pytest_plugin`` in
pyproject.toml's ``addopts``).

nbval imports nbformat as pytest starts, nbformat imports jsonschema, and jsonschema's optional IRI format
checker imports ``rfc3987_syntax``, which builds its grammars at import: 2 s of CPU in every pytest process (the
controller and each xdist worker, before a test is collected). No schema the tests validate names an IRI format
(nbformat's, frictionless's, the project's own), so jsonschema is imported here first, the way the project's
validator imports it (:func:`timeline.validation._import_jsonschema`: without that optional checker).
"""

from timeline.validation import _import_jsonschema

_import_jsonschema()
