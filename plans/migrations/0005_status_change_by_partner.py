from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0004_promises_to_the_community'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionstatuschange',
            name='changed_by_partner',
            field=models.ForeignKey(blank=True, help_text='Set when the co-owning partner changed the status on its own page, e.g. “Safe Streets Springfield”.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plans.partnerorganization', verbose_name='changed by the partner'),
        ),
    ]
