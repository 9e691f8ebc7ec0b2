"""The HTTP API (FastAPI on uvicorn) under /api/v1, following the NL API Design Rules."""
