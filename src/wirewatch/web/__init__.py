"""The web layer: a FastAPI app with the JSON API under /api and server-rendered HTML pages over one store."""
from wirewatch.web.app import create_app

__all__ = ["create_app"]
