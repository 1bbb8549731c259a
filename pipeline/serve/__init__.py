"""The review desk (``vnreports serve OUT``): auditors confirm and correct findings beside the page.

A local web app over an output folder: the documents, one document (identity, figures, places, tables,
findings), and a queue of work, each item beside the words or cells it came from. Every action is a row
of the corrections table (``pipeline.review``); the document goes through review and audit again and the
dataset is rewritten, so ``vnreports query`` sees the change at once. ``app`` holds the pages, ``desk``
the data and the actions, ``views`` what a page shows of a document, ``security`` the guards.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def address(host: str, port: int) -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve(out_dir: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: str | None = None,
          inputs: Path | None = None, echo=print) -> None:
    """Run the desk until interrupted; prints its address first (with the token, when there is one)."""
    import uvicorn

    from pipeline.serve.app import create_app

    app = create_app(out_dir, inputs=inputs, token=token, host=host)
    url = address(host, port) + (f"?token={token}" if token else "")
    echo(f"vnreports review desk on {url}  (dataset {Path(out_dir)}; Ctrl+C to stop)")
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)).run()
