"""An agency can have several owners: two more kinds of change in its record."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_agency_event_emails_refused'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='agencyevent',
            name='agency_event_action_known',
        ),
        migrations.AlterField(
            model_name='agencyevent',
            name='action',
            field=models.CharField(choices=[('invited', 'Invited a colleague'), ('invitation_resent', 'Sent an invitation again'), ('invitation_withdrawn', 'Withdrew an invitation'), ('joined', 'Joined the agency'), ('removed', 'Removed a member'), ('left', 'Left the agency'), ('ownership_handed', 'Handed ownership to'), ('emails_refused', 'Invitation emails refused'), ('made_owner', 'Made an owner'), ('owner_made_member', 'No longer an owner')], max_length=30, verbose_name='change'),
        ),
        migrations.AlterField(
            model_name='user',
            name='is_agency_owner',
            field=models.BooleanField(default=False, help_text="Owners manage the agency's members and invitations; an agency can have several, e.g. the chief and a deputy chief.", verbose_name='agency owner'),
        ),
        migrations.AddConstraint(
            model_name='agencyevent',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['invited', 'invitation_resent', 'invitation_withdrawn', 'joined', 'removed', 'left', 'ownership_handed', 'emails_refused', 'made_owner', 'owner_made_member'])), name='agency_event_action_known'),
        ),
    ]
