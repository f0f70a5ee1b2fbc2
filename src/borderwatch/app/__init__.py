"""The application: :func:`create_app` mounts the API and the web pages over one store;
:func:`serve` runs it with uvicorn."""

from borderwatch.app.factory import create_app
from borderwatch.app.server import serve

__all__ = ["create_app", "serve"]
