"""Initial schema: documents, their analyses, targets and entity mentions.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('media_type', sa.String(length=64), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('analysed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('doc_type', sa.String(length=32), nullable=True),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('issued_date', sa.Date(), nullable=True),
    sa.Column('issuer', sa.Text(), nullable=True),
    sa.Column('issuer_folded', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('n_targets', sa.Integer(), nullable=False),
    sa.Column('n_entities', sa.Integer(), nullable=False),
    sa.Column('n_references', sa.Integer(), nullable=False),
    sa.Column('n_guidance', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_doc_type'), ['doc_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_issued_date'), ['issued_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_status'), ['status'], unique=False)

    op.create_table('analyses',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('json', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_folded', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_folded', sa.Text(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_entities_label_text', ['label', 'text'], unique=False)

    op.create_table('targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('doc_type', sa.String(length=32), nullable=True),
    sa.Column('issuer', sa.Text(), nullable=True),
    sa.Column('issued_date', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('metric', sa.Text(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('value_max', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('per', sa.String(length=50), nullable=True),
    sa.Column('base', sa.Text(), nullable=True),
    sa.Column('comparator', sa.String(length=8), nullable=False),
    sa.Column('period_start', sa.String(length=32), nullable=True),
    sa.Column('period_end', sa.String(length=32), nullable=True),
    sa.Column('period_text', sa.Text(), nullable=True),
    sa.Column('year_start', sa.Integer(), nullable=True),
    sa.Column('year_end', sa.Integer(), nullable=True),
    sa.Column('actors_json', sa.Text(), nullable=False),
    sa.Column('indicator_id', sa.String(length=100), nullable=True),
    sa.Column('indicator_name', sa.Text(), nullable=True),
    sa.Column('indicator_score', sa.Float(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('text_folded', sa.Text(), nullable=False),
    sa.Column('orgs_folded', sa.Text(), nullable=False),
    sa.Column('locations_folded', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.create_index('ix_targets_doc_type_year', ['doc_type', 'year_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_targets_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_targets_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_targets_unit'), ['unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_targets_value'), ['value'], unique=False)
        batch_op.create_index('ix_targets_year', ['year_start', 'year_end'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.drop_index('ix_targets_year')
        batch_op.drop_index(batch_op.f('ix_targets_value'))
        batch_op.drop_index(batch_op.f('ix_targets_unit'))
        batch_op.drop_index(batch_op.f('ix_targets_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_targets_document_id'))
        batch_op.drop_index('ix_targets_doc_type_year')

    op.drop_table('targets')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_label_text')
        batch_op.drop_index(batch_op.f('ix_entities_document_id'))

    op.drop_table('entities')
    op.drop_table('analyses')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_status'))
        batch_op.drop_index(batch_op.f('ix_documents_issued_date'))
        batch_op.drop_index(batch_op.f('ix_documents_doc_type'))
        batch_op.drop_index(batch_op.f('ix_documents_created_at'))

    op.drop_table('documents')
