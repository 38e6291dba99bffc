"""`eventwire serve`: the HTTP API and the dashboard over a store."""

from __future__ import annotations

import click

from ..api.settings import DEFAULT_DB


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file or postgresql:// URL to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar="EVENTWIRE_TOKEN", help="Token that POST /reports requires [env: EVENTWIRE_TOKEN].")
@click.option(
    "--read-token", envvar="EVENTWIRE_READ_TOKEN", help="Token that reading requires [env: EVENTWIRE_READ_TOKEN]."
)
def serve(db: str, host: str, port: int, token: str | None, read_token: str | None) -> None:
    """Serve the events in DB: the dashboard at /, the API (documented at /docs)."""
    import uvicorn

    from ..api import Settings, create_app

    app = create_app(Settings(db=db, token=token or None, read_token=read_token or None))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"eventwire: serving {db} at http://{shown}:{port}/ (API docs at /docs)", err=True)
    if not token:
        click.echo("POST /reports is disabled: no --token or EVENTWIRE_TOKEN given", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
