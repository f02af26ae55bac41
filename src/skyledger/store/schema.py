"""The store's tables (SQLAlchemy Core). Migrations under ``migrations/`` create exactly these.

Times are stored as ISO 8601 text in UTC-aware form where known (portable between SQLite and PostgreSQL, sortable);
JSON-ish fields are text holding JSON.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("handle", String(300), nullable=False, unique=True),  # t.me/mod_russia, tass.com
    Column("kind", String(20), nullable=False),
    Column("name", Text),
    Column("claimant", String(80)),  # owner claimant of an official channel
    Column("reliability", String(1), nullable=False, server_default="F"),
    Column("country", String(2)),
    Column("created_at", String(40), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # ingest | process
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("stats", Text),  # JSON summary: new / unchanged / updated / rejected, or extracted / events ...
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("external_id", String(300), nullable=False),
    Column("url", Text),
    Column("published", String(40)),  # ISO 8601 with offset where known
    Column("edited", String(40)),
    Column("language", String(8)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("forwarded_from", String(300)),  # source handle of the original post
    Column("forwarded_id", String(300)),
    Column("meta", Text),  # JSON
    Column("status", String(12), nullable=False, server_default="new"),  # new | processed
    Column("ingest_run", Integer, ForeignKey("runs.id")),
    Column("ingested_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    UniqueConstraint("source_id", "external_id", name="uq_reports_identity"),
)
Index("ix_reports_status", reports.c.status)
Index("ix_reports_published", reports.c.published)
Index("ix_reports_hash", reports.c.content_hash)

rejected = Table(
    "rejected",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("input", Text, nullable=False),  # file path or URL
    Column("locator", Text),  # line 12, message 4411
    Column("reason", Text, nullable=False),
    Column("excerpt", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("created_at", String(40), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),  # stable: E + digits, never reused
    Column("wave", String(40), nullable=False),
    Column("country", String(2)),
    Column("region", String(10)),
    Column("time_start", String(40)),
    Column("time_end", String(40)),
    Column("weapon_classes", Text),  # JSON list
    Column("article_count", Integer, nullable=False, server_default="0"),
    Column("independent_sources", Integer, nullable=False, server_default="0"),
    Column("credibility", Integer, nullable=False, server_default="6"),
    Column("reliability", String(1), nullable=False, server_default="F"),
    Column("conflict", Boolean, nullable=False, server_default="0"),
    Column("count_low", Integer),
    Column("count_best", Integer),
    Column("count_high", Integer),
    Column("figures", Text),  # JSON list of claimant figures
    Column("explanation", Text),
    Column("merged_into", String(40)),  # set when this event was merged into another; kept so old ids resolve
    Column("created_run", Integer, ForeignKey("runs.id")),
    Column("updated_run", Integer, ForeignKey("runs.id")),
)
Index("ix_events_region", events.c.region)
Index(  # newest first, and the first cut of since / until (store/times.py: window_prefilter) from the index alone
    "ix_events_window", events.c.time_start, events.c.time_end, events.c.merged_into
)
Index("ix_events_live_region", events.c.merged_into, events.c.region)  # dashboard map: live events per region

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the report
    Column("action", String(12), nullable=False),
    Column("weapon_class", String(20), nullable=False),
    Column("weapon_model", String(60)),
    Column("count", Integer),
    Column("count_qualifier", String(12), nullable=False),
    Column("country", String(2)),
    Column("region", String(10)),
    Column("regions", Text),  # JSON list for an unsplit multi-region total
    Column("district", Text),
    Column("settlement", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_precision", String(12), nullable=False),
    Column("water", Text),
    Column("time_start", String(40)),
    Column("time_end", String(40)),
    Column("time_precision", String(12), nullable=False),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("casualties_stated", Boolean, nullable=False, server_default="0"),
    Column("damage", String(10)),
    Column("claimant", String(80), nullable=False),
    Column("cites", Text),  # JSON list
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("rule_set", String(60), nullable=False),
    Column("event_id", String(40), ForeignKey("events.id")),
    Column("run_id", Integer, ForeignKey("runs.id")),
    # SQLite: AUTOINCREMENT, so a deleted claim's id is never handed to another claim (links and URLs cite claim ids);
    # PostgreSQL's sequences never reuse ids anyway
    sqlite_autoincrement=True,
)
Index("ix_claims_report", claims.c.report_id)
Index("ix_claims_event", claims.c.event_id)
Index("ix_claims_region", claims.c.region)
Index(  # tallies per day: covers their columns, in the order they group by (store/tallies.py)
    "ix_claims_tally",
    claims.c.time_start,
    claims.c.action,
    claims.c.weapon_class,
    claims.c.event_id,
    claims.c.claimant,
    claims.c.count,
    claims.c.report_id,
)

event_members = Table(
    "event_members",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id"), primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
)

report_links = Table(
    "report_links",
    metadata,
    Column("child_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("parent_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("score", Float, nullable=False),
)

claimant_links = Table(
    "claimant_links",
    metadata,
    Column("claimant", String(80), primary_key=True),
    Column("cites", String(80), primary_key=True),
)

event_changes = Table(
    "event_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("event_id", String(40), nullable=False),
    Column("change", String(12), nullable=False),  # added | changed | merged
    Column("detail", Text),  # JSON
)
Index("ix_event_changes_run", event_changes.c.run_id)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    # a correction is keyed by what survives re-extraction: the report, the claim's fingerprint and position in it
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("claim_seq", Integer, nullable=False),
    Column("claim_key", String(200)),  # the machine claim's fingerprint: action|weapon_class|start-end
    Column("field", String(40), nullable=False),
    Column("value", Text),  # JSON of the corrected value
    Column("machine_value", Text),  # JSON of what the extractor said when it was corrected
    Column("author", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("note", Text),
)
Index("ix_corrections_claim", corrections.c.report_id, corrections.c.claim_seq)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("token_hash", String(128), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)
