# The article's permissions of #18 (view_statistics) and #19 (backdate_article),
# added on two branches, in one list; the roles synced so both are granted.

from django.db import migrations

from newsroom.roles import sync_roles_migration


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_media_library'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['-published_at', '-pk'], 'permissions': [('review_article', '审核稿件（审签、退回）'), ('publish_article', '终审签发稿件'), ('withdraw_article', '撤稿'), ('correct_article', '更正已发布稿件'), ('view_all_articles', '查看全部稿件'), ('view_statistics', '查看全部人员的稿件统计'), ('backdate_article', '签发时使用早于当前的发布时间（倒签）')], 'verbose_name': '稿件', 'verbose_name_plural': '稿件'},
        ),
        migrations.RunPython(sync_roles_migration, migrations.RunPython.noop),
    ]
