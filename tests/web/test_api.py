"""The JSON API and the HTML pages, in-process over a SQLite store of the samples."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from wirewatch.record import Record
from wirewatch.store import StoreError
from wirewatch.store.models import MAX_PAGE_SIZE
from wirewatch.web import create_app
from wirewatch.web.app import MAX_REQUEST_BYTES

from .conftest import HOSTILE_ID

TOKEN = "test-token-1234"


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    """A client of the app over the shared samples store, ingest disabled."""
    with TestClient(create_app(web_db)) as test_client:
        yield test_client


@pytest.fixture()
def writable_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client of an app over an empty store, with the ingest token taken from the environment."""
    monkeypatch.setenv("WIREWATCH_API_TOKEN", TOKEN)
    with TestClient(create_app(str(tmp_path / "ingest.db"))) as test_client:
        yield test_client


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{key}", "/api/entities", "/api/entities/{key}", "/api/quotes",
                 "/api/events", "/api/places", "/api/search", "/api/ingest", "/api/export"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_articles_page_through_all_stored(client: TestClient, sample_records: list[Record]) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == len(sample_records) and first["limit"] == 2 and len(first["items"]) == 2
    assert {a["key"] for a in first["items"]}.isdisjoint(a["key"] for a in second["items"])


def test_article_returns_the_stored_record(client: TestClient, record_by_source: dict[str, Record]) -> None:
    record = record_by_source["dawn-kurram-convoy-2026-06-03.txt"]
    body = client.get(f"/api/articles/{record.id}").json()
    assert body["key"] == record.id
    assert Record.model_validate(body["record"]) == record


def test_unknown_ids_are_404_json(client: TestClient) -> None:
    for path in ("/api/articles/no-such-article", "/api/entities/no-such-entity"):
        response = client.get(path)
        assert response.status_code == 404
        assert "no-such" in response.json()["detail"]


@pytest.mark.parametrize(("params", "status", "says"), [
    ({"since": "2026-13-45"}, 400, "since"),
    ({"until": "yesterday"}, 400, "until"),
    ({"near": "95,10"}, 400, "near"),
    ({"near": "Atlantis Xq"}, 400, "no place called"),
    ({"limit": MAX_PAGE_SIZE + 1}, 422, "limit"),
    ({"offset": -1}, 422, "offset"),
    ({"type": "tweet"}, 422, "type"),
    ({"km": 0}, 422, "km"),
])
def test_bad_parameters_get_clear_4xx(client: TestClient, params: dict, status: int, says: str) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert says in json.dumps(response.json()["detail"])


def test_entity_profile_gathers_quotes_by_the_speaker(client: TestClient) -> None:
    entities = client.get("/api/entities", params={"q": "Khalilzad", "entity_type": "PERSON"}).json()["items"]
    if not entities:
        pytest.skip("the seed article is not in ../shared")
    profile = client.get(f"/api/entities/{entities[0]['key']}").json()
    assert profile["name"] == "Zalmay Khalilzad"
    assert profile["quotes_by"] and all(row["speaker_key"] == profile["key"] for row in profile["quotes_by"])


def test_listings_and_search_filter(client: TestClient, record_by_source: dict[str, Record]) -> None:
    quotes = client.get("/api/quotes", params={"limit": 500}).json()
    assert quotes["total"] == sum(len(r.quotes) for r in record_by_source.values())
    places = client.get("/api/places", params={"limit": 500}).json()["items"]
    assert places and all({"name", "lat", "lon", "articles"} <= set(p) for p in places)
    hits = client.get("/api/search", params={"q": "convoy", "type": "article"}).json()
    assert hits["total"] >= 1 and {hit["kind"] for hit in hits["items"]} == {"article"}
    publisher = record_by_source["dawn-kurram-convoy-2026-06-03.txt"].publisher
    by_publisher = client.get("/api/articles", params={"publisher": publisher}).json()["items"]
    assert {a["publisher"] for a in by_publisher} == {publisher}
    located = places[0]
    near = client.get("/api/articles", params={"near": f"{located['lat']},{located['lon']}", "km": 1}).json()
    assert near["total"] >= 1
    by_name = client.get("/api/events", params={"near": "Mogadishu", "km": 50}).json()
    assert by_name["total"] >= 1


def test_export_streams_each_format(client: TestClient, sample_records: list[Record]) -> None:
    jsonl = client.get("/api/export", params={"format": "jsonl"})
    assert jsonl.status_code == 200 and jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert len(jsonl.text.splitlines()) == len(sample_records)
    geojson = client.get("/api/export", params={"format": "geojson"}).json()
    assert geojson["type"] == "FeatureCollection"
    stix = client.get("/api/export", params={"format": "stix"})
    assert stix.json()["type"] == "bundle" and "attachment" in stix.headers["content-disposition"]
    assert client.get("/api/export", params={"format": "pdf"}).status_code == 422


def test_store_failures_are_json_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise StoreError("the database went away")
    monkeypatch.setattr(client.app.state.store, "stats", broken)
    response = client.get("/api/stats")
    assert response.status_code == 500 and response.json() == {"detail": "the database went away"}


def test_ingest_is_disabled_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"id": "x", "text": "Police said calm returned."})
    assert response.status_code == 403
    assert "WIREWATCH_API_TOKEN" in response.json()["detail"]


def test_ingest_needs_the_right_token(writable_client: TestClient) -> None:
    article = {"id": "x", "text": "Police said calm returned."}
    assert writable_client.post("/api/ingest", json=article).status_code == 401
    wrong = writable_client.post("/api/ingest", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_ingest_stores_articles_and_reports_bad_ones(writable_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = (Path(__file__).resolve().parents[2] / "samples" / "ht-bijapur-ied-2026-03-09.txt").read_text("utf-8")
    batch = [{"id": "bijapur", "text": text, "publisher": "Hindustan Times"}, {"id": "blank", "text": "   \n  "}]
    # "blank" fails validation before any work is done: the whole request is refused.
    assert writable_client.post("/api/ingest", json=batch, headers=auth).status_code == 422
    report = writable_client.post("/api/ingest", json=batch[:1], headers=auth).json()
    assert report["stored"] == 1 and report["items"][0]["stored"]["status"] == "new"
    again = writable_client.post("/api/ingest", json=batch[0], headers=auth).json()
    assert again["items"][0]["stored"]["status"] == "unchanged"
    assert writable_client.get("/api/articles").json()["total"] == 1
    mixed = [{"id": "menu-only", "html": "<html><body><nav><a href=/>Home</a></nav></body></html>"}, batch[0]]
    report = writable_client.post("/api/ingest", json=mixed, headers=auth).json()
    assert report["failed"] == 1 and "no article text" in report["items"][0]["error"]
    assert report["items"][1]["stored"]["status"] == "unchanged"


def test_a_copy_from_another_url_is_listed_on_the_article(writable_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = (Path(__file__).resolve().parents[2] / "samples" / "ht-bijapur-ied-2026-03-09.txt").read_text("utf-8")
    first = {"id": "wire", "text": text, "url": "https://wire.example.org/bijapur", "publisher": "Wire"}
    copies = [{**first, "id": "mirror", "url": "https://mirror.example.net/bijapur", "publisher": "Mirror"},
              {**first, "id": "odd", "url": "javascript:alert(1)", "publisher": "Odd"}]
    key = writable_client.post("/api/ingest", json=first, headers=auth).json()["items"][0]["stored"]["article"]
    report = writable_client.post("/api/ingest", json=copies, headers=auth).json()
    assert [item["stored"]["status"] for item in report["items"]] == ["copy", "copy"]
    article = writable_client.get(f"/api/articles/{key}").json()
    assert [c["url"] for c in article["copies"]] == ["https://mirror.example.net/bijapur", "javascript:alert(1)"]
    page = writable_client.get(f"/articles/{key}").text
    assert 'href="https://mirror.example.net/bijapur"' in page
    assert 'href="javascript:' not in page  # shown, never linked


def test_ingest_refuses_urls_on_the_local_network(writable_client: TestClient) -> None:
    urls = ["http://127.0.0.1:9/admin", "file:///etc/passwd"]
    report = writable_client.post("/api/ingest", json={"urls": urls},
                                  headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert report["failed"] == 2 and [item["id"] for item in report["items"]] == urls
    assert "not a public address" in report["items"][0]["error"] and "http" in report["items"][1]["error"]


def test_oversized_body_is_413(writable_client: TestClient) -> None:
    body = json.dumps({"id": "big", "text": "x" * (MAX_REQUEST_BYTES + 1)})
    response = writable_client.post("/api/ingest", content=body, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as the body streams in
        for start in range(0, len(body), 1 << 20):
            yield body[start:start + (1 << 20)].encode()
    streamed = writable_client.post("/api/ingest", content=chunks(), headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert streamed.status_code == 413


@pytest.mark.parametrize("path", ["/", "/entities", "/map", "/timeline", "/search?q=police",
                                  "/search?type=quote&publisher=Dawn"])
def test_pages_render(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


def test_article_page_escapes_markup_and_marks_quotes(client: TestClient, record_by_source: dict[str, Record]) -> None:
    record = record_by_source[HOSTILE_ID]
    html = client.get(f"/articles/{record.id}").text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    assert "<img src=x" not in html
    assert '<q class="quote quote-direct"' in html
    assert f'<link rel="alternate" type="application/json" href="/api/articles/{record.id}">' in html


def test_html_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert client.get("/search", params={"since": "soon"}).status_code == 400
