"""Response and request bodies of the JSON API, as pydantic models (they make /openapi.json exact)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    error: str = Field(description="one line saying what went wrong")


class EventOut(BaseModel):
    id: str
    wave: str
    country: str | None
    region: str | None
    time_start: str | None
    time_end: str | None
    weapon_classes: list[str]
    article_count: int
    independent_sources: int
    credibility: int
    reliability: str
    conflict: bool
    count_low: int | None
    count_best: int | None
    count_high: int | None
    explanation: str


class PageOut(BaseModel):
    limit: int
    offset: int
    next_offset: int | None


class EventPage(PageOut):
    items: list[EventOut]


class ClaimOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    report_id: int
    seq: int | None
    action: str
    weapon_class: str
    weapon_model: str | None
    count: int | None
    count_qualifier: str
    country: str | None
    region: str | None
    claimant: str
    side: str | None
    cites: list[str]
    event: str | None
    evidence: str
    evidence_span: list[int]


class ClaimPage(PageOut):
    items: list[ClaimOut]


class ReportOut(BaseModel):
    id: int
    source: str
    source_name: str | None
    reliability: str
    external_id: str
    url: str | None
    published: str | None
    language: str | None
    title: str | None
    status: str | None
    forwarded_from: str | None
    text: str | None = None
    snippet: str | None = None


class ReportPage(PageOut):
    items: list[ReportOut]


class ComparisonOut(BaseModel):
    action: str
    weapon_class: str
    conflict: bool
    figures: list[dict[str, Any]]


class EventDetail(EventOut):
    merged_from: list[str] = Field(description="the merged ids followed to reach this event")
    figures_recorded: list[Any]
    claims: list[ClaimOut]
    reports: list[ReportOut]
    links: list[dict[str, Any]]
    claimant_links: list[dict[str, str]]
    comparisons: list[ComparisonOut]


class SourceOut(BaseModel):
    handle: str
    kind: str
    name: str | None
    claimant: str | None
    side: str | None
    reliability: str
    country: str | None
    reports: int


class TallyRow(BaseModel):
    period: str
    action: str
    key: str | None
    figure: int
    claims: int
    events: int


class TallyOut(BaseModel):
    period: str
    by: str
    rows: list[TallyRow]


class ReportIn(BaseModel):
    """A report in the CLAIMS.md shape (any ``claims`` are ignored)."""

    model_config = ConfigDict(extra="ignore")

    doc_id: str = Field(min_length=1, max_length=300)
    outlet: str = Field(min_length=1, max_length=300, description="publisher: domain or channel handle")
    text: str = Field(min_length=1, max_length=200_000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40, description="ISO date or datetime")
    language: str | None = Field(default=None, max_length=8)
    title: str | None = Field(default=None, max_length=1000)


class IngestOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    received: int
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    rejected: int = 0
