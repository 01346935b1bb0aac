"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server``.

Under gunicorn the app refuses to start without ``SECRET_KEY``.
"""

from dashboard.app import create_app
from dashboard.security import require_secret_key

require_secret_key()
app = create_app()
server = app.server
