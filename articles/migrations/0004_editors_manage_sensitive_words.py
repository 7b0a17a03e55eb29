from django.db import migrations

from newsroom.roles import sync_roles_migration


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_sensitive_words_and_acknowledgements")]

    operations = [migrations.RunPython(sync_roles_migration, migrations.RunPython.noop)]
