"""The web application for people (issue 15): server-rendered pages in Dutch on the same FastAPI
app as the API, calling `bus.handle` and the same read functions through the same gate."""
