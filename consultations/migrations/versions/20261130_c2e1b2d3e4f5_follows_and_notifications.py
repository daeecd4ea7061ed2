"""follows and notifications

Revision ID: c2e1b2d3e4f5
Revises: b1f0a1c2d3e4
Create Date: 2026-11-30 00:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c2e1b2d3e4f5'
down_revision = 'b1f0a1c2d3e4'
branch_labels = None
depends_on = None

TARGETS = ('plan', 'commitment', 'consultation')
EVENTS = ('update', 'assessment', 'opened', 'closing', 'responses', 'responded', 'reply', 'hidden')


def _target(name='target_type', nullable=False):
    return sa.Column(
        name,
        sa.Enum(*TARGETS, name='targetkind', native_enum=False, length=20),
        nullable=nullable,
    )


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'notification_frequency', sa.String(length=10), server_default='daily',
                nullable=False,
            )
        )
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('list_unsubscribe', sa.Text(), nullable=True))

    op.create_table('follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    _target(),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
    sa.UniqueConstraint('user_id', 'target_type', 'target_id', name='uq_follow_target')
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index('ix_follows_target', ['target_type', 'target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_user_id'), ['user_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum(*EVENTS, name='eventkind', native_enum=False, length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('follow_id', sa.Integer(), nullable=True),
    _target(nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivery', sa.Enum('mail', 'digest', 'dropped', name='delivery', native_enum=False, length=10), nullable=True),
    sa.ForeignKeyConstraint(['follow_id'], ['follows.id'], name=op.f('fk_notifications_follow_id_follows'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('user_id', 'kind', 'object_id', name='uq_notification_event')
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_pending', ['sent_at', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)

    op.create_table('notification_digests',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_digests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'day', name=op.f('pk_notification_digests'))
    )


def downgrade():
    op.drop_table('notification_digests')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))
        batch_op.drop_index('ix_notifications_pending')
    op.drop_table('notifications')
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follows_user_id'))
        batch_op.drop_index('ix_follows_target')
    op.drop_table('follows')
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_column('list_unsubscribe')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('notification_frequency')
