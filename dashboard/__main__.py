"""``python -m dashboard serve``: the development server on 127.0.0.1:$PORT; ``users``: user management;
``plan``: approve and reopen a plan's year."""

from __future__ import annotations

import argparse
import sys

from dashboard import cli_plan, cli_users
from dashboard.app import create_app
from dashboard.config import Settings


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run it."""
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the dashboard (development server)")
    serve.add_argument("--host", default="127.0.0.1")
    cli_users.add_parser(commands)
    cli_plan.add_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "users":
        return cli_users.run(args)
    if args.command == "plan":
        return cli_plan.run(args)
    if args.command == "serve":
        settings = Settings.from_env()
        app = create_app(settings)
        print(f"KPSS Monitor: http://{args.host}:{settings.port}/", flush=True)
        app.run(host=args.host, port=settings.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
