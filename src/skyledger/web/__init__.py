"""The web layer: a FastAPI app serving the JSON API (with OpenAPI) and the server-rendered dashboard.

:func:`skyledger.web.app.create_app` builds the app; :func:`skyledger.web.server.serve` runs it with uvicorn.
"""
