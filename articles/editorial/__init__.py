"""The editorial rules that read and write copy, apart from the web:

- ``sanitizer``: the one HTML allow-list of a body, and an article as plain text;
- ``checks``: what is checked before approval (leader titles and names, protocol
  order, blocked words, personal data);
- ``linking``: which leaders and departments a text names;
- ``diff``: what changed between two versions;
- ``importer``: a printed page (text or Word) → draft articles.

All but ``importer.store`` and the database-reading helpers of ``checks`` and
``linking`` are pure functions of their arguments.
"""
