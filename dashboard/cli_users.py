"""``python -m dashboard users …``: add users, change passwords and roles, list, disable.

Passwords come from a prompt (asked twice) or, when stdin is not a terminal,
from its first line; never from the command line, where other users of the
machine and the shell history would see them.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

import sqlalchemy as sa

from dashboard.config import Settings
from dashboard.users import MIN_PASSWORD_LENGTH, ROLES, UserError, UserStore
from etl.database import make_engine


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The ``users`` command and its subcommands."""
    users = commands.add_parser("users", help="manage the users who may sign in")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user (password from a prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    passwd = actions.add_parser("passwd", help="set a user's password (prompt or stdin)")
    passwd.add_argument("name")
    role = actions.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    actions.add_parser("list", help="list the users")
    disable = actions.add_parser("disable", help="stop a user from signing in")
    disable.add_argument("name")
    enable = actions.add_parser("enable", help="let a disabled user sign in again")
    enable.add_argument("name")


def read_password(stdin: TextIO, prompt: Callable[[str], str] = getpass.getpass) -> str:
    """The new password: asked twice on a terminal, else the first line of stdin."""
    if stdin.isatty():
        first = prompt(f"Password (at least {MIN_PASSWORD_LENGTH} characters): ")
        if prompt("Password again: ") != first:
            raise UserError("the passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def run(args: argparse.Namespace, store: UserStore | None = None, stdin: TextIO = sys.stdin,
        out: TextIO = sys.stdout) -> int:
    """Carry out a ``users`` subcommand; 0 done, 1 refused."""
    store = store or UserStore(make_engine(Settings.from_env().database_url, writer=True))
    try:
        if args.action == "add":
            user = store.add(args.name, read_password(stdin), args.role)
            print(f"added {user.name} ({user.role})", file=out)
        elif args.action == "passwd":
            store.set_password(args.name, read_password(stdin))
            print(f"password of {args.name.lower()} changed; their sessions have ended", file=out)
        elif args.action == "role":
            store.set_role(args.name, args.role)
            print(f"{args.name.lower()} is now {args.role}", file=out)
        elif args.action in ("disable", "enable"):
            store.set_active(args.name, args.action == "enable")
            print(f"{args.name.lower()} {args.action}d", file=out)
        else:
            for user in store.all():
                state = "" if user.is_active else " (disabled)"
                print(f"{user.name}\t{user.role}{state}", file=out)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except sa.exc.OperationalError as exc:
        return database_not_ready(exc)
    return 0


def database_not_ready(error: sa.exc.OperationalError) -> int:
    """Say that the schema is missing (or the database unreachable) and how to make it; exit 1."""
    print(f"error: the database is not ready ({error.orig}); run python -m etl migrate",
          file=sys.stderr)
    return 1
